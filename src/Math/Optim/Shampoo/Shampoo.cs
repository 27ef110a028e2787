using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using ShampooActors.Math.Nn;

namespace ShampooActors.Math.Optim;

/// <summary>
/// Distributed Shampoo (Anil et al. 2020; ALGORITHMS.md §1): per block, Kronecker-factored statistics and the direction
/// L^(−1/p)·G·R^(−1/p), grafted onto a diagonal method's magnitude, with momentum and weight decay. Per-step work is
/// float32 through sgemm on buffers allocated once; roots are float64, computed inline (<see cref="RootComputation.Synchronous"/>)
/// or elsewhere from the snapshots this optimizer hands out (<see cref="RootComputation.External"/>).
/// </summary>
public sealed partial class Shampoo : Optimizer
{
    private ShampooParameter[] _plans = [];
    private ShampooBlock[] _blocks = [];
    private BlockInfo[] _blockInfo = [];
    private BlockWork _work = new(1, 0);

    /// <summary>Shampoo over <paramref name="parameters"/> in one group with <paramref name="options"/> (defaults when null).</summary>
    public Shampoo(IEnumerable<Parameter> parameters, ShampooOptions? options = null)
        : base([(parameters, options ?? new ShampooOptions())], options ?? new ShampooOptions())
    {
        Plan();
    }

    /// <summary>Shampoo with one group per spec, each with <paramref name="defaults"/> transformed by its overrides.</summary>
    public Shampoo(IEnumerable<ParamGroupSpec<ShampooOptions>> groups, ShampooOptions defaults)
        : base(Resolve(groups, defaults), defaults)
    {
        Plan();
    }

    /// <summary>The options a group gets where it does not override them.</summary>
    public new ShampooOptions Defaults => (ShampooOptions)base.Defaults;

    /// <summary>Where roots are computed; synchronous by default.</summary>
    public RootComputation Mode { get; set; } = RootComputation.Synchronous;

    /// <summary>What happened to the roots so far.</summary>
    public RootStatistics RootStatistics { get; } = new();

    /// <summary>Every preconditioned block, by id.</summary>
    public IReadOnlyList<BlockInfo> Blocks => _blockInfo;

    /// <inheritdoc />
    public override void Step()
    {
        foreach (var group in Groups)
        {
            var parameters = group.ParameterArray;
            for (var i = 0; i < parameters.Length; i++)
            {
                var p = parameters[i];
                if (p.Grad is not { } grad)
                    continue;
                var state = StateFor(group, i);
                var plan = _plans[group.FirstIndex + i].BoundTo(state);
                state.Step++;
                Update(plan, state, p.Data, grad.Segment, group.Lr);
            }
        }
    }

    private void Update(ShampooParameter plan, ParameterState state, Span<float> parameter, ArraySegment<float> gradientSegment, double lr)
    {
        var options = plan.Options;
        var step = state.Step;
        if (plan.CoupledGradient.Length > 0)
        {
            TensorPrimitives.MultiplyAdd(parameter, (float)options.WeightDecay.Value, gradientSegment, plan.CoupledGradient);
            gradientSegment = plan.CoupledGradient;
        }
        ReadOnlySpan<float> gradient = gradientSegment;
        var blocks = plan.Blocks;
        if (blocks.Length > 0 && step % options.StatisticsEvery == 0)
        {
            if (float.IsFinite(TensorPrimitives.Sum(gradient)))
            {
                var (w1, w2) = options.Beta2 < 1 ? ((float)options.Beta2, (float)(1 - options.Beta2)) : (1f, 1f);
                _work.UpdateStatistics(blocks, gradientSegment, w1, w2);
            }
            else
                RootStatistics.SkippedStatisticsUpdates++;
        }

        var graft = plan.Graft;
        Grafting(plan, state, gradient, step);

        if (blocks.Length > 0 && step % options.PreconditionEvery == 0)
            RootsDue(plan);

        float scale = 1;
        var update = graft;
        // A parameter whose blocks are all graft-only takes D exactly as before start-preconditioning-step.
        if (plan.Preconditioned.Length > 0 && step >= options.StartPreconditioningStep)
        {
            var direction = plan.Direction;
            _work.Precondition(plan.Preconditioned, gradientSegment, direction);
            update = direction;
            scale = plan.GraftOnly.Length == 0 ? GraftScale(plan, direction, graft) : GraftMixed(plan, direction, graft);
        }
        var decay = options.WeightDecay.Decoupled ? options.WeightDecay.Value : 0;
        var rule = new ShampooStepRule(scale, options.Momentum, lr, decay);
        ElementwiseUpdate.Run(rule, parameter, update, plan.MomentumSlot >= 0 ? state.Slot(plan.MomentumSlot) : default);
    }

    /// <summary>Writes the grafted method's update D into the plan's graft buffer, updating the method's state.</summary>
    private static void Grafting(ShampooParameter plan, ParameterState state, ReadOnlySpan<float> gradient, long step)
    {
        var options = plan.Options.Grafting;
        var gradientScale = 1f;
        if (GraftRule.IsNormalized(options.Kind))
        {
            var norm = TensorPrimitives.Norm(gradient);
            gradientScale = norm > 0 ? 1 / norm : 0;
        }
        var rule = new GraftRule(options, step, gradientScale);
        ElementwiseUpdate.Run(rule, plan.Graft, gradient,
            plan.GraftSlot0 >= 0 ? state.Slot(plan.GraftSlot0) : default,
            plan.GraftSlot1 >= 0 ? state.Slot(plan.GraftSlot1) : default);
    }

    /// <summary>
    /// The factor U = scale·P takes the grafted magnitude: ‖D‖/(‖P‖ + 1e-16) over the parameter, returned as the scale;
    /// or per block, applied to P's blocks in place (scale 1 returned). No grafting: P as it is.
    /// </summary>
    private static float GraftScale(ShampooParameter plan, float[] direction, float[] graft)
    {
        var options = plan.Options.Grafting;
        if (options.Kind == GraftingKind.None)
            return 1;
        if (options.Norm == GraftNorm.Parameter)
            return (float)(System.Math.Sqrt(TensorPrimitives.SumOfSquares<float>(graft)) / (System.Math.Sqrt(TensorPrimitives.SumOfSquares<float>(direction)) + 1e-16));
        ScaleEachBlock(plan.Blocks, direction, graft);
        return 1;
    }

    /// <summary>Scales each of <paramref name="blocks"/>' region of <paramref name="direction"/> by ‖D_b‖/(‖P_b‖ + 1e-16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScaleEachBlock(ShampooBlock[] blocks, float[] direction, float[] graft)
    {
        foreach (var block in blocks)
        {
            var runs = block.Runs;
            var factor = System.Math.Sqrt(runs.SumOfSquares(graft)) / (System.Math.Sqrt(runs.SumOfSquares(direction)) + 1e-16);
            runs.Scale(direction, (float)factor);
        }
    }

    private protected override StateLayout Layout(OptimizerOptions options, int[] parameterShape)
    {
        var shampoo = (ShampooOptions)options;
        return ShampooParameter.Layout(ParameterBlocking.For(parameterShape, shampoo.Blocking, shampoo.ExponentOverride), shampoo, parameterShape);
    }

    private protected override void InitializeBuffers(ParameterState state, OptimizerOptions options) => ShampooParameter.InitializeRoots(state);

    private protected override void OnStateLoaded() => Plan();

    /// <summary>Builds every parameter's plan and numbers the blocks, from the groups' current options.</summary>
    private void Plan()
    {
        var previous = _blocks;
        var plans = new List<ShampooParameter>();
        var blocks = new List<ShampooBlock>();
        var largest = 0;
        foreach (var group in Groups)
        {
            var options = (ShampooOptions)group.Options;
            for (var i = 0; i < group.ParameterArray.Length; i++)
            {
                var parameter = group.ParameterArray[i];
                var blocking = ParameterBlocking.For(parameter.Shape, options.Blocking, options.ExponentOverride);
                var own = new ShampooBlock[blocking.Blocks.Count];
                for (var b = 0; b < own.Length; b++)
                {
                    own[b] = new ShampooBlock(blocks.Count, group.FirstIndex + i, b, blocking.MergedShape, blocking.PreconditionedDims, blocking.Blocks[b]);
                    blocks.Add(own[b]);
                    largest = System.Math.Max(largest, blocking.Blocks[b].Length);
                }
                plans.Add(new ShampooParameter(blocking, own, options, parameter.Length));
            }
        }
        _plans = plans.ToArray();
        _blocks = blocks.ToArray();
        _blockInfo = _blocks.Select(b => new BlockInfo(b.Id, b.ParameterIndex, b.Geometry,
            Enumerable.Range(0, b.FactorDims.Count).Select(b.FactorSize).ToArray())).ToArray();
        _work = new BlockWork(Environment.ProcessorCount, largest);
        KeepGraftOnly(previous);
    }
}
