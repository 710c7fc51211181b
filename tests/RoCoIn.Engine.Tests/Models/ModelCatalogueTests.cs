using RoCoIn.Engine.Models;

namespace RoCoIn.Engine.Tests.Models;

public class ModelCatalogueTests
{
    private static readonly TeacherSpec Teacher = ModelCatalogue.DefaultTeacher;
    private const int F = 64;

    public static TheoryData<string> StudentKeys => new(ModelCatalogue.Students.Select(s => s.Key));

    private static StudentArchitecture Student(string key) => ModelCatalogue.FindStudent(key).ShouldNotBeNull();

    private static IEnumerable<int> Widths => Enumerable.Range(1, F);

    [Fact]
    public void DefaultTeacherHasSixtyFourFeatureChannelsOnASevenBySevenMap()
    {
        Teacher.FeatureChannels.ShouldBe(64);
        Teacher.FeatureMap.ShouldBe(new TensorShape(64, 7, 7));
        Teacher.Classes.ShouldBe(10);
        Teacher.Architecture.Input.ShouldBe(new TensorShape(1, 28, 28));
        Teacher.Architecture.OutputShape.ShouldBe(new TensorShape(10, 1, 1));
    }

    [Fact]
    public void TeacherFeatureMapIsTheOutputOfItsLastConvBlock()
    {
        var layers = Teacher.Architecture.Cost().Layers;
        var lastConv = layers.Select((l, i) => (l, i)).Last(x => x.l.Layer is Conv2dLayer).i;

        layers[lastConv].Layer.ShouldBe(new Conv2dLayer(64, 3, 1, 1));
        layers[lastConv].Output.ShouldBe(new TensorShape(64, 14, 14));
        // Its block ends with ReLU and 2×2 max pooling; Flatten follows.
        layers[lastConv + 1].Layer.ShouldBeOfType<ReluLayer>();
        layers[lastConv + 2].Layer.ShouldBe(new MaxPoolLayer(2, 2));
        layers[lastConv + 2].Output.ShouldBe(Teacher.FeatureMap);
        layers[lastConv + 3].Layer.ShouldBeOfType<FlattenLayer>();
    }

    [Fact]
    public void DefaultTeacherCostsMatchAHandCount()
    {
        var cost = Teacher.Architecture.Cost();

        // Convs 1→32, 32→32, 32→64, 64→64 (3×3 + bias), then 3136→128 and 128→10.
        long parameters = 320 + 9_248 + 18_496 + 36_928 + 401_536 + 1_290;
        cost.Parameters.ShouldBe(parameters);
        long convFlops = (2L * 32 * 784 * 1 * 9) + (2L * 32 * 784 * 32 * 9) + (2L * 64 * 196 * 32 * 9) + (2L * 64 * 196 * 64 * 9);
        long reluAndPool = (2 * 25_088) + 6_272 + (2 * 12_544) + 3_136 + 128;
        long linear = (2L * 3_136 * 128) + (2L * 128 * 10);
        cost.Flops.ShouldBe(convFlops + reluAndPool + linear);
        // Largest single layer: the second conv, 32×28×28 in and out.
        cost.MemoryBytes.ShouldBe((4 * parameters) + (4 * 2 * 25_088));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(128)]
    public void TeacherFeatureChannelsAreConfigurable(int featureChannels)
    {
        var teacher = ModelCatalogue.CreateTeacher(featureChannels, classes: 5);

        teacher.FeatureChannels.ShouldBe(featureChannels);
        teacher.FeatureMap.ShouldBe(new TensorShape(featureChannels, 7, 7));
        teacher.Architecture.OutputShape.ShouldBe(new TensorShape(5, 1, 1));
    }

    [Fact]
    public void TeacherRejectsImpossibleSizes()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ModelCatalogue.CreateTeacher(0));
        Should.Throw<ArgumentOutOfRangeException>(() => ModelCatalogue.CreateTeacher(64, 1));
    }

    [Fact]
    public void CatalogueHasTheFourNamedStudentsSmallestFirst()
    {
        ModelCatalogue.Students.Select(s => s.Key).ShouldBe(["s-mcu", "s-small", "s-medium", "s-large"]);
        ModelCatalogue.Students.ShouldAllBe(s => s.DisplayName.Length > 0 && s.Summary.Length > 0);
        ModelCatalogue.Students.Select(s => s.DisplayName).Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public void AccuracyPriorsArePlausibleProbabilitiesRisingWithSize()
    {
        var priors = ModelCatalogue.Students.Select(s => s.AccuracyPrior).ToList();

        priors.ShouldAllBe(p => p > 0.5 && p < 1);
        priors.ShouldBe(priors.Order().ToList());
    }

    [Fact]
    public void FindStudentIgnoresCaseAndReturnsNullWhenUnknown()
    {
        ModelCatalogue.FindStudent("s-large").ShouldBeSameAs(ModelCatalogue.Students[^1]);
        ModelCatalogue.FindStudent("S-MCU").ShouldBeSameAs(ModelCatalogue.Students[0]);
        ModelCatalogue.FindStudent("s-huge").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(StudentKeys))]
    public void StudentsEndInABridgeResizeAndPoolGivingDFeatures(string key)
    {
        foreach (var d in Widths)
        {
            var architecture = Student(key).Build(d, Teacher);
            var layers = architecture.Cost().Layers;

            layers[^3].Layer.ShouldBe(new Conv2dLayer(d, 1));
            layers[^2].Layer.ShouldBe(new AdaptiveAvgPoolLayer(7, 7));
            layers[^2].Output.ShouldBe(new TensorShape(d, 7, 7));
            layers[^1].Layer.ShouldBeOfType<GlobalAvgPoolLayer>();
            architecture.OutputShape.ShouldBe(new TensorShape(d, 1, 1));
            architecture.Input.ShouldBe(new TensorShape(1, 28, 28));
        }
    }

    [Theory]
    [MemberData(nameof(StudentKeys))]
    public void CostsNeverFallAsTheWidthGrows(string key)
    {
        var costs = Widths.Select(d => Student(key).CostFor(d, Teacher)).ToList();

        for (var i = 1; i < costs.Count; i++)
        {
            costs[i].Flops.ShouldBeGreaterThanOrEqualTo(costs[i - 1].Flops, $"FLOPs at d = {i + 1}");
            costs[i].MemoryBytes.ShouldBeGreaterThanOrEqualTo(costs[i - 1].MemoryBytes, $"memory at d = {i + 1}");
            costs[i].Parameters.ShouldBeGreaterThanOrEqualTo(costs[i - 1].Parameters, $"parameters at d = {i + 1}");
        }
        costs[^1].Flops.ShouldBeGreaterThan(costs[0].Flops);
        costs[^1].MemoryBytes.ShouldBeGreaterThan(costs[0].MemoryBytes);
    }

    [Theory]
    [MemberData(nameof(StudentKeys))]
    public void HiddenWidthsGrowWithTheWidthNotOnlyTheBridge(string key)
    {
        static IEnumerable<int> HiddenChannels(Architecture a) =>
            a.Layers.OfType<Conv2dLayer>().SkipLast(1).Select(c => c.OutChannels);

        var narrow = HiddenChannels(Student(key).Build(1, Teacher)).ToList();
        var wide = HiddenChannels(Student(key).Build(F, Teacher)).ToList();

        wide.Count.ShouldBe(narrow.Count);
        wide.Zip(narrow).ShouldAllBe(pair => pair.First > pair.Second);
    }

    [Fact]
    public void McuStudentFitsThreeHundredFiftyKilobytesAtEveryWidth()
    {
        foreach (var d in Widths)
            Student("s-mcu").CostFor(d, Teacher).MemoryBytes.ShouldBeLessThanOrEqualTo(350_000, $"d = {d}");
    }

    [Fact]
    public void LargeStudentNeedsARaspberryPiClassDeviceAtFullWidth()
    {
        var memory = Student("s-large").CostFor(F, Teacher).MemoryBytes;

        // More than the 500 KB MCU preset (or any 1 MB microcontroller) holds; far less than a Pi's 256 MB budget.
        memory.ShouldBeGreaterThan(1_000_000);
        memory.ShouldBeLessThan(256_000_000);
    }

    [Fact]
    public void EveryStudentIsCheaperThanTheTeacherAtFullWidth()
    {
        var teacher = Teacher.Architecture.Cost().Flops;

        foreach (var student in ModelCatalogue.Students)
            student.CostFor(F, Teacher).Flops.ShouldBeLessThan(teacher, student.Key);
    }

    [Fact]
    public void StudentsAreOrderedByCostAtFullWidth()
    {
        var costs = ModelCatalogue.Students.Select(s => s.CostFor(F, Teacher)).ToList();

        for (var i = 1; i < costs.Count; i++)
        {
            costs[i].Flops.ShouldBeGreaterThan(costs[i - 1].Flops);
            costs[i].MemoryBytes.ShouldBeGreaterThan(costs[i - 1].MemoryBytes);
            costs[i].Parameters.ShouldBeGreaterThan(costs[i - 1].Parameters);
        }
    }

    [Fact]
    public void StudentsBuildForALargerTeacherToo()
    {
        var teacher = ModelCatalogue.CreateTeacher(128);

        foreach (var student in ModelCatalogue.Students)
            student.Build(128, teacher).OutputShape.ShouldBe(new TensorShape(128, 1, 1));
        Student("s-mcu").CostFor(128, teacher).MemoryBytes.ShouldBeLessThanOrEqualTo(350_000);
    }

    [Fact]
    public void AggregatorIsOneLinearLayerFromFeaturesToClasses()
    {
        var aggregator = ModelCatalogue.Aggregator(Teacher);
        var cost = aggregator.Cost();

        aggregator.Input.ShouldBe(new TensorShape(64, 1, 1));
        aggregator.Layers.ShouldBe([new LinearLayer(10)]);
        cost.Parameters.ShouldBe((64 * 10) + 10);
        cost.Flops.ShouldBe(2 * 64 * 10);
        aggregator.OutputShape.ShouldBe(new TensorShape(10, 1, 1));
    }
}
