using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using Google.Protobuf;
using ShampooActors.Actors.Cluster.Wire.Proto;

namespace ShampooActors.Actors.Cluster.Wire;

/// <summary>Square float64 matrices to and from <see cref="Tensor"/> (row-major, little-endian): one block copy each way on a little-endian host.</summary>
internal static class TensorCodec
{
    /// <summary>An n×n FLOAT64 tensor holding <paramref name="matrix"/> (n² values, row-major).</summary>
    public static Tensor Square(int n, double[] matrix)
    {
        var tensor = new Tensor { Dtype = DataType.Float64, Payload = UnsafeByteOperations.UnsafeWrap(ToBytes(matrix)) };
        tensor.Shape.Add(n);
        tensor.Shape.Add(n);
        return tensor;
    }

    /// <summary>
    /// The n×n matrix <paramref name="tensor"/> holds, after checking its shape is [n, n] with n equal to
    /// <paramref name="expectedSize"/> (when given) and within <paramref name="maxSize"/>, its dtype is FLOAT64, its payload
    /// has exactly n² values and every value is finite. <paramref name="what"/> names the tensor in errors.
    /// </summary>
    public static double[] ReadSquare(Tensor? tensor, int? expectedSize, int maxSize, string what)
    {
        if (tensor is null)
            throw new InvalidWireMessageException($"{what} is missing");
        if (tensor.Shape.Count != 2)
            throw new InvalidWireMessageException($"{what} has shape [{string.Join(", ", tensor.Shape)}]; an n×n matrix is expected");
        var (rows, columns) = (tensor.Shape[0], tensor.Shape[1]);
        if (rows != columns)
            throw new InvalidWireMessageException($"{what} is {rows}×{columns}; an n×n matrix is expected");
        if (rows < 1 || rows > maxSize)
            throw new InvalidWireMessageException($"{what} is {rows}×{rows}; n must be between 1 and {maxSize}");
        if (expectedSize is { } size && rows != size)
            throw new InvalidWireMessageException($"{what} is {rows}×{rows} but its factor's size is {size}");
        if (tensor.Dtype != DataType.Float64)
            throw new InvalidWireMessageException($"{what} has dtype {DtypeName(tensor.Dtype)}; only FLOAT64 is accepted");
        var n = (int)rows;
        var expectedBytes = (long)n * n * sizeof(double);
        if (tensor.Payload.Length != expectedBytes)
            throw new InvalidWireMessageException($"{what} is {n}×{n} (FLOAT64, {expectedBytes} bytes) but its payload has {tensor.Payload.Length} bytes");
        var matrix = FromBytes(tensor.Payload.Span, n * n);
        if (FirstNonFinite(matrix) is { } index)
            throw new InvalidWireMessageException($"{what} holds a non-finite value ({matrix[index]} at row {index / n}, column {index % n})");
        return matrix;
    }

    /// <summary>The little-endian bytes of <paramref name="values"/>.</summary>
    internal static byte[] ToBytes(double[] values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(bytes);
            return bytes;
        }
        for (var k = 0; k < values.Length; k++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(k * sizeof(double)), values[k]);
        return bytes;
    }

    /// <summary><paramref name="count"/> doubles read from little-endian <paramref name="bytes"/>.</summary>
    internal static double[] FromBytes(ReadOnlySpan<byte> bytes, int count)
    {
        var values = GC.AllocateUninitializedArray<double>(count);
        if (BitConverter.IsLittleEndian)
        {
            bytes[..(count * sizeof(double))].CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }
        for (var k = 0; k < count; k++)
            values[k] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(k * sizeof(double))..]);
        return values;
    }

    /// <summary>The index of the first NaN or infinity in <paramref name="values"/>, or null when all are finite.</summary>
    internal static int? FirstNonFinite(ReadOnlySpan<double> values)
    {
        // x·0 is 0 for a finite x and NaN for NaN or ±∞, so one NaN in the vector sum flags the span; the scalar scan
        // that finds the index runs only then.
        var sum = Vector<double>.Zero;
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
        foreach (var v in vectors)
            sum += v * Vector<double>.Zero;
        var tail = 0.0;
        foreach (var x in values[(vectors.Length * Vector<double>.Count)..])
            tail += x * 0;
        if (!Vector.EqualsAll(sum, Vector<double>.Zero) || tail != 0)
        {
            for (var k = 0; k < values.Length; k++)
            {
                if (!double.IsFinite(values[k]))
                    return k;
            }
        }
        return null;
    }

    private static string DtypeName(DataType dtype) => dtype switch
    {
        DataType.Float64 => "FLOAT64",
        DataType.Float32 => "FLOAT32",
        DataType.Unspecified => "UNSPECIFIED",
        _ => $"unknown ({(int)dtype})",
    };
}
