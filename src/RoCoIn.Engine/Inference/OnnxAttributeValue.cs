using System.Globalization;

namespace RoCoIn.Engine.Inference;

/// <summary>
/// One named ONNX node attribute (AttributeProto) of the four kinds the exporter needs: a float, an int, a list of ints
/// or a string. Create one with <see cref="OfFloat"/>, <see cref="OfInt"/>, <see cref="OfInts"/> or <see cref="OfString"/>.
/// </summary>
public sealed class OnnxAttributeValue
{
    // AttributeProto.AttributeType values from onnx.proto.
    private const long TypeFloat = 1;
    private const long TypeInt = 2;
    private const long TypeString = 3;
    private const long TypeInts = 7;

    private readonly long _type;
    private readonly float _float;
    private readonly long _int;
    private readonly long[] _ints;
    private readonly string _string;

    private OnnxAttributeValue(string name, long type, float floatValue = 0, long intValue = 0, long[]? ints = null,
        string? stringValue = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _type = type;
        _float = floatValue;
        _int = intValue;
        _ints = ints ?? [];
        _string = stringValue ?? "";
    }

    /// <summary>The attribute's name, e.g. "kernel_shape".</summary>
    public string Name { get; }

    /// <summary>A float attribute (e.g. Gemm's alpha).</summary>
    public static OnnxAttributeValue OfFloat(string name, float value) => new(name, TypeFloat, floatValue: value);

    /// <summary>An int attribute (e.g. Flatten's axis, Gemm's transB).</summary>
    public static OnnxAttributeValue OfInt(string name, long value) => new(name, TypeInt, intValue: value);

    /// <summary>A list-of-ints attribute (e.g. kernel_shape, strides, pads).</summary>
    public static OnnxAttributeValue OfInts(string name, params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(name, TypeInts, ints: (long[])values.Clone());
    }

    /// <summary>A string attribute (e.g. auto_pad).</summary>
    public static OnnxAttributeValue OfString(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(name, TypeString, stringValue: value);
    }

    /// <inheritdoc />
    public override string ToString() => _type switch
    {
        TypeFloat => string.Create(CultureInfo.InvariantCulture, $"{Name}={_float}"),
        TypeInt => string.Create(CultureInfo.InvariantCulture, $"{Name}={_int}"),
        TypeInts => $"{Name}=[{string.Join(", ", _ints.Select(v => v.ToString(CultureInfo.InvariantCulture)))}]",
        _ => $"{Name}=\"{_string}\"",
    };

    /// <summary>Writes the AttributeProto fields: name = 1, f = 2, i = 3, s = 4, ints = 8, type = 20.</summary>
    internal void WriteTo(ProtoWriter writer)
    {
        writer.WriteString(1, Name);
        switch (_type)
        {
            case TypeFloat:
                writer.WriteFloat(2, _float);
                break;
            case TypeInt:
                writer.WriteInt64(3, _int);
                break;
            case TypeString:
                writer.WriteString(4, _string);
                break;
            default:
                // proto2 repeated scalars are unpacked: one tag per value.
                foreach (var value in _ints)
                    writer.WriteInt64(8, value);
                break;
        }
        writer.WriteInt64(20, _type);
    }
}
