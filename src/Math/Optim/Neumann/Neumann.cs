using ShampooActors.Math.Nn;

namespace ShampooActors.Math.Optim;

/// <summary>
/// The Neumann optimizer (Krishnan, Xiao and Saurous 2018; ALGORITHMS.md §3): a momentum iteration on a cubic-plus-repulsive
/// regularized mini-batch loss that implicitly applies the Neumann series of the inverse Hessian.
/// </summary>
/// <remarks>
/// <para>
/// A parameter holds w, the displaced point where gradients are taken; its state holds the Neumann iterate m
/// (<c>momentum</c>) and the moving average v of the weights (<c>moving_average</c>). The model's weights are w − μm;
/// <see cref="EvaluationWeights"/> puts them in for evaluation. Each step is one of (see <see cref="NeumannOptions"/> for
/// the schedules):
/// </para>
/// <list type="bullet">
/// <item>warm-up: plain SGD w ← w − ηg, with v ← w + γ(v − w) so the average follows the SGD iterates;</item>
/// <item>the first step of a reset period: m = −ηg, w and v unchanged;</item>
/// <item>otherwise: ρ = ‖w − v‖ over every parameter of every group; d = g + (αρ² − β/ρ²)(w − v)/ρ (the gradient of
/// α/3·ρ³ + β/ρ added to g, skipped when ρ is below the distance guard); m ← μm − ηd; w ← w + μm − ηd; v ← w + γ(v − w).</item>
/// </list>
/// <para>
/// Readings of the paper and ALGORITHMS.md where they leave a choice: v starts at w at a parameter's first step and
/// follows the same average through the warm-up, so at the first regularized step it trails w by about 1/(1 − γ) SGD
/// steps rather than sitting on it (ρ = 0 would skip the term and the next, tiny ρ would make β/ρ² kick the weights far
/// away). In "m ← μm − ηd; w ← w + μm − ηd" the second line uses the new m, which makes w − μm move by exactly m each
/// step (heavy ball on w − μm, gradients at the look-ahead w). The schedules run on each parameter's own step count
/// (PyTorch's <c>state['step']</c>), which is the same for all parameters when every parameter gets a gradient every step;
/// the count in a state dictionary is therefore the whole schedule position. β uses the scalars of all groups.
/// </para>
/// </remarks>
public sealed partial class Neumann : Optimizer<NeumannOptions>
{
    private static readonly string[] BufferNames = ["momentum", "moving_average"];
    private const int MomentumSlot = 0;
    private const int AverageSlot = 1;

    private double _distance;

    /// <summary>Neumann over <paramref name="parameters"/> with <paramref name="options"/> (the paper's constants when null).</summary>
    public Neumann(IEnumerable<Parameter> parameters, NeumannOptions? options = null) : base(parameters, options ?? new NeumannOptions()) =>
        ScalarCount = CountScalars();

    /// <summary>Neumann over parameter groups, each overriding <paramref name="defaults"/> (the paper's constants when null).</summary>
    public Neumann(IEnumerable<ParamGroupSpec<NeumannOptions>> groups, NeumannOptions? defaults = null) : base(groups, defaults ?? new NeumannOptions()) =>
        ScalarCount = CountScalars();

    /// <summary>The number of scalars in all groups, which β scales with.</summary>
    public long ScalarCount { get; }

    /// <inheritdoc />
    public override void Step()
    {
        if (_evaluation is not null)
            throw new InvalidOperationException("Neumann cannot step while its evaluation weights are in the parameters; dispose them first");
        // ρ is global, so it is measured over every parameter before any of them moves.
        _distance = AnyIterateStepNext() ? GlobalDistance() : 0;
        base.Step();
    }

    /// <inheritdoc />
    protected override string[] StateBufferNames(NeumannOptions options) => BufferNames;

    /// <inheritdoc />
    protected override void Update(Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, NeumannOptions options, double lr)
    {
        var m = state.Slot(MomentumSlot);
        var v = state.Slot(AverageSlot);
        if (state.Step == 1)
            parameter.CopyTo(v);
        switch (NeumannSchedule.PhaseOf(state.Step, options))
        {
            case NeumannPhase.Warmup:
                ElementwiseUpdate.Run(new NeumannWarmupRule(lr, options.Gamma), parameter, gradient, m, v);
                break;
            case NeumannPhase.Reset:
                ElementwiseUpdate.Run(new NeumannResetRule(lr), parameter, gradient, m, v);
                break;
            default:
                ElementwiseUpdate.Run(IterateRule(options, lr, state.Step), parameter, gradient, m, v);
                break;
        }
    }

    private NeumannIterateRule IterateRule(NeumannOptions options, double lr, long step)
    {
        var mu = NeumannSchedule.Mu(step - options.WarmupSteps, options);
        var rho = _distance;
        if (!(rho >= options.DistanceGuard))
            return new NeumannIterateRule(lr, mu, options.Gamma, regularize: false, strength: 0, inverseDistance: 0);
        var beta = options.BetaPerScalar * ScalarCount;
        var strength = options.Alpha * rho * rho - beta / (rho * rho);
        return new NeumannIterateRule(lr, mu, options.Gamma, regularize: true, strength, 1 / rho);
    }

    /// <summary>Whether some parameter that has a gradient takes a regularized Neumann step now.</summary>
    private bool AnyIterateStepNext()
    {
        foreach (var group in Groups)
        {
            var options = (NeumannOptions)group.Options;
            var parameters = group.ParameterArray;
            for (var i = 0; i < parameters.Length; i++)
            {
                if (parameters[i].Grad is null)
                    continue;
                var next = (StateAt(group.FirstIndex + i)?.Step ?? 0) + 1;
                if (NeumannSchedule.PhaseOf(next, options) == NeumannPhase.Iterate)
                    return true;
            }
        }
        return false;
    }

    /// <summary>‖w − v‖ over every parameter that has state (one not yet stepped has v = w and adds nothing).</summary>
    private double GlobalDistance()
    {
        double sum = 0;
        foreach (var group in Groups)
        {
            var parameters = group.ParameterArray;
            for (var i = 0; i < parameters.Length; i++)
            {
                if (StateAt(group.FirstIndex + i) is { } state)
                    sum += SquaredDistance.Of(parameters[i].Data, state.Slot(AverageSlot));
            }
        }
        return System.Math.Sqrt(sum);
    }

    private long CountScalars()
    {
        long count = 0;
        foreach (var group in Groups)
        {
            foreach (var p in group.ParameterArray)
                count += p.Length;
        }
        return count;
    }
}
