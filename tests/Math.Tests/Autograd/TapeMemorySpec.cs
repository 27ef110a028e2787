using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Autograd;

/// <summary>
/// Inside a tape, results and saved state live in recycled pool memory with arbitrary contents; every op must give
/// the same values there as outside a tape, where memory is freshly zeroed.
/// </summary>
public sealed class TapeMemorySpec
{
    private static readonly int[] Labels = [2, 0, 1];

    private static Tensor Run(string op, Tensor a, Tensor b, Tensor row, Tensor targets) => op switch
    {
        "add" => a + row,
        "sub" => row - a,
        "mul" => a * Tensor.Scalar(0.5f),
        "matmul" => a.MatMul(b.T()),
        "linear" => Ops.Linear(a, b, row),
        "linear without bias" => Ops.Linear(a, b, null),
        "relu" => Ops.Relu(a),
        "tanh" => Ops.Tanh(a),
        "sigmoid" => Ops.Sigmoid(a),
        "sum" => Ops.Sum(a),
        "mean" => Ops.Mean(a),
        "reshape" => a.Reshape(-1),
        "transpose" => a.T(),
        "concat" => Ops.Concat([a, b], 0),
        "cross entropy" => Ops.CrossEntropy(a, Labels),
        "bce with logits" => Ops.BinaryCrossEntropyWithLogits(a, targets),
        "mse" => Ops.MseLoss(a, targets),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    public static TheoryData<string> AllOps => new()
    {
        "add", "sub", "mul", "matmul", "linear", "linear without bias", "relu", "tanh", "sigmoid", "sum", "mean",
        "reshape", "transpose", "concat", "cross entropy", "bce with logits", "mse",
    };

    [Theory, MemberData(nameof(AllOps))]
    public void An_op_gives_the_same_values_on_poisoned_tape_memory_as_outside_a_tape(string op)
    {
        var random = new TestRandom(1);
        var a = random.Leaf(3, 4);
        var b = random.Leaf(2, 4);
        var row = random.Leaf(4);
        var targets = random.Tensor(0, 1, 3, 4);
        if (op == "linear")
            row = random.Leaf(2);
        var expected = Run(op, a, b, row, targets).ToArray();

        var pool = GradCheck.PoisonedPool();
        using (new GradientTape(pool))
        {
            var actual = Run(op, a, b, row, targets);
            Assert.True(actual.RequiresGrad);
            Assert.Equal(expected, actual.ToArray());
        }
        Assert.Equal(0, pool.Misses);
    }
}
