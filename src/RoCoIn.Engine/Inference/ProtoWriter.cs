using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace RoCoIn.Engine.Inference;

/// <summary>
/// The few protobuf wire encodings an ONNX model needs: varints (wire type 0), fixed32 floats (wire type 5) and
/// length-delimited bytes, strings and sub-messages (wire type 2). Fields are written in the order they are called.
/// </summary>
internal sealed class ProtoWriter
{
    private const int WireVarint = 0;
    private const int WireLengthDelimited = 2;
    private const int WireFixed32 = 5;

    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>Bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>A varint field; negative values take ten bytes (two's complement), as protobuf's int64 does.</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, WireVarint);
        WriteVarint(unchecked((ulong)value));
    }

    /// <summary>A float field (fixed32, little-endian).</summary>
    public void WriteFloat(int field, float value)
    {
        WriteTag(field, WireFixed32);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    /// <summary>A UTF-8 string field.</summary>
    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A bytes field.</summary>
    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>A float array as little-endian bytes (ONNX TensorProto.raw_data).</summary>
    public void WriteFloatsAsBytes(int field, ReadOnlySpan<float> values)
    {
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)values.Length * 4);
        var span = _buffer.GetSpan(values.Length * 4);
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(span[(4 * i)..], values[i]);
        _buffer.Advance(values.Length * 4);
    }

    /// <summary>An int64 array as little-endian bytes (ONNX TensorProto.raw_data).</summary>
    public void WriteInt64sAsBytes(int field, ReadOnlySpan<long> values)
    {
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)values.Length * 8);
        var span = _buffer.GetSpan(values.Length * 8);
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(span[(8 * i)..], values[i]);
        _buffer.Advance(values.Length * 8);
    }

    /// <summary>An embedded message, written by <paramref name="write"/> into its own buffer first to learn its length.</summary>
    public void WriteMessage(int field, Action<ProtoWriter> write)
    {
        var inner = new ProtoWriter();
        write(inner);
        WriteBytes(field, inner.WrittenSpan);
    }

    private void WriteTag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

    private void WriteVarint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        _buffer.Advance(n);
    }
}
