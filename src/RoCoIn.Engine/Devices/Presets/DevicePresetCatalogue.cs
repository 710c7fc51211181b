namespace RoCoIn.Engine.Devices.Presets;

/// <summary>
/// Real hardware classes an architect can start from. Throughput is the effective fp32 rate a batch-1
/// CNN reaches (FLOPs counted as 2·MACs, rocoin-model.md §2), estimated from published
/// MobileNet/ResNet latencies and rounded; it is meant to be replaced by a measurement of the real device.
/// </summary>
public static class DevicePresetCatalogue
{
    private const double Mbps = 1e6;
    private const double Ms = 1e-3;
    private const long KB = 1000;
    private const long MB = 1000 * KB;

    /// <summary>All presets, smallest first.</summary>
    public static IReadOnlyList<DevicePreset> All { get; } =
    [
        // STM32F767-class Cortex-M7 at 216 MHz, 512 KB SRAM (ST datasheet): about 500 KB is left for a
        // model, the budget RoCoIn's introduction motivates with. CMSIS-NN (Lai et al. 2018, arXiv
        // 1801.06601) runs a small CIFAR-10 CNN in int8 at ~10 images/s on this core; fp32 is several
        // times slower, which puts effective fp32 at tens of MFLOPS, the top of the paper's 5–30 MFLOPS range.
        new("mcu-m7", "MCU (Cortex-M7)", 30e6, 500 * KB, 1 * Mbps, 1 * Mbps, 10 * Ms, 0.05,
            "Cortex-M7 microcontroller, ~500 KB for a model, low-rate radio link"),

        // Raspberry Pi 3B+: 4× Cortex-A53 at 1.4 GHz, 1 GB RAM. MobileNet-v1 (≈1.1 GFLOP) takes a few
        // hundred ms in TensorFlow Lite fp32 on it (Raspberry Pi Foundation and community benchmarks).
        new("rpi3bplus", "Raspberry Pi 3B+", 2.5e9, 256 * MB, 50 * Mbps, 50 * Mbps, 2 * Ms, 0.01,
            "4× Cortex-A53 1.4 GHz, 1 GB RAM, 802.11ac Wi-Fi"),

        // Raspberry Pi 4 Model B: 4× Cortex-A72 at 1.5 GHz; MobileNet-v1 fp32 in TFLite ≈ 100 ms.
        new("rpi4", "Raspberry Pi 4", 10e9, 1000 * MB, 100 * Mbps, 100 * Mbps, 1 * Ms, 0.01,
            "4× Cortex-A72 1.5 GHz, 4 GB RAM, gigabit Ethernet"),

        // Raspberry Pi 5: 4× Cortex-A76 at 2.4 GHz; about 2–3× a Pi 4 in CPU inference benchmarks.
        new("rpi5", "Raspberry Pi 5", 25e9, 2000 * MB, 100 * Mbps, 100 * Mbps, 1 * Ms, 0.01,
            "4× Cortex-A76 2.4 GHz, 8 GB RAM, gigabit Ethernet"),

        // Jetson Nano: 128-core Maxwell GPU, 472 GFLOPS fp16 peak, 236 fp32 (NVIDIA spec); small batch-1
        // CNNs reach a fraction of the peak, so ~50 GFLOPS effective fp32. 4 GB shared with the OS.
        new("jetson-nano", "Jetson Nano", 50e9, 1000 * MB, 100 * Mbps, 100 * Mbps, 1 * Ms, 0.01,
            "128-core Maxwell GPU, 4 GB shared memory"),

        // Jetson Orin Nano 8 GB: 1024-core Ampere GPU, ≈1.3 TFLOPS fp32 peak (NVIDIA spec); batch-1
        // small CNNs are launch-bound, ~300 GFLOPS effective.
        new("jetson-orin-nano", "Jetson Orin Nano", 300e9, 2000 * MB, 100 * Mbps, 100 * Mbps, 1 * Ms, 0.01,
            "1024-core Ampere GPU, 8 GB shared memory"),

        // Mid-range phone (Snapdragon 7-series, 4× Cortex-A78): CPU fp32 MobileNet-v1 in tens of ms
        // (AI-Benchmark figures); the OS lets an app keep a few hundred MB.
        new("phone-mid", "Mid-range phone", 20e9, 512 * MB, 20 * Mbps, 50 * Mbps, 15 * Ms, 0.03,
            "Snapdragon 7-series class CPU, Wi-Fi or 5G link"),

        // Laptop CPU: 4 cores with AVX2/FMA (e.g. a Core i5 of 2021), ≈300 GFLOPS fp32 peak; ONNX Runtime
        // reaches about a third of that on small CNNs at batch 1.
        new("laptop-cpu", "Laptop CPU", 100e9, 4000 * MB, 300 * Mbps, 300 * Mbps, 2 * Ms, 0.01,
            "4-core x86 laptop with AVX2, Wi-Fi 6"),
    ];

    /// <summary>The preset with <paramref name="key"/>, or null.</summary>
    public static DevicePreset? Find(string key) =>
        All.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));
}
