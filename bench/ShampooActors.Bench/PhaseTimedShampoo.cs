using System.Diagnostics;
using System.Numerics.Tensors;
using System.Reflection;
using ShampooActors.Math;
using ShampooActors.Math.Data;
using ShampooActors.Math.Models;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;

namespace ShampooActors.Bench;

/// <summary>Where one Shampoo step's optimizer time went, in Stopwatch ticks (summed over the parameters).</summary>
public struct ShampooPhases
{
    /// <summary>L += G·Gᵀ, R += Gᵀ·G (ssyrk per block, batched) and the finite check of the gradient.</summary>
    public long Statistics;

    /// <summary>The grafted method's update D (AdaGrad here).</summary>
    public long Grafting;

    /// <summary>Every PreconditionEvery steps: the float64 snapshots of the statistics handed to the root side (or inline roots in sync mode).</summary>
    public long Snapshots;

    /// <summary>L^(−1/p)·G·R^(−1/p) per block (sgemm, batched).</summary>
    public long Preconditioning;

    /// <summary>The graft scale ‖D‖/‖P‖ and the momentum/weight update.</summary>
    public long Update;
}

/// <summary>
/// Shampoo's step with a stopwatch around each phase, for the step breakdown of a run through the orchestrator. It runs the
/// optimizer's own private pieces (reached by reflection: the batched <c>BlockWork</c>, <c>Grafting</c>, <c>RootsDue</c>,
/// <c>GraftScale</c>) in the order <c>Shampoo.Update</c> runs them, on the optimizer's own state, so it is the same step;
/// <see cref="CheckBitIdentical"/> proves it against <see cref="Shampoo.Step"/> before a benchmark uses it. The Trainer is handed
/// this wrapper as its optimizer while the replica keeps the real <see cref="Shampoo"/> (the accelerator adopts roots into it
/// and takes its snapshots).
/// </summary>
public sealed class PhaseTimedShampoo : Optimizer<AdamOptions>
{
    private delegate void GraftingFn(ShampooParameter plan, ParameterState state, ReadOnlySpan<float> gradient, long step);
    private delegate float ScaleFn(ShampooParameter plan, float[] direction, float[] graft);

    private static readonly PropertyInfo GroupsProperty = typeof(Optimizer).GetProperty("Groups", BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo StateForMethod = typeof(Optimizer).GetMethod("StateFor", BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly FieldInfo PlansField = typeof(Shampoo).GetField("_plans", BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly FieldInfo WorkField = typeof(Shampoo).GetField("_work", BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly GraftingFn Grafting = Static<GraftingFn>("Grafting");
    private static readonly ScaleFn GraftScale = Static<ScaleFn>("GraftScale");
    private static readonly ScaleFn GraftMixed = Static<ScaleFn>("GraftMixed");

    private readonly Shampoo _shampoo;
    private readonly Action<ShampooParameter> _rootsDue;
    private readonly Func<ParamGroup, int, ParameterState> _stateFor;

    /// <summary>Wraps <paramref name="shampoo"/>: <see cref="Step"/> steps it, timing its phases.</summary>
    public PhaseTimedShampoo(Shampoo shampoo)
        : base(shampoo.ParamGroups.SelectMany(g => g.Parameters), new AdamOptions { Lr = shampoo.ParamGroups[0].Lr })
    {
        _shampoo = shampoo;
        _rootsDue = (Action<ShampooParameter>)typeof(Shampoo).GetMethod("RootsDue", BindingFlags.NonPublic | BindingFlags.Instance)!
            .CreateDelegate(typeof(Action<ShampooParameter>), shampoo);
        _stateFor = StateForMethod.CreateDelegate<Func<ParamGroup, int, ParameterState>>(shampoo);
    }

    /// <summary>The last step's phases.</summary>
    public ShampooPhases Last { get; private set; }

    /// <inheritdoc />
    public override void Step()
    {
        var phases = new ShampooPhases();
        var plans = (ShampooParameter[])PlansField.GetValue(_shampoo)!;
        var work = (BlockWork)WorkField.GetValue(_shampoo)!;
        foreach (var group in (ParamGroup[])GroupsProperty.GetValue(_shampoo)!)
        {
            var parameters = group.ParameterArray;
            for (var i = 0; i < parameters.Length; i++)
            {
                var p = parameters[i];
                if (p.Grad is not { } grad)
                    continue;
                var state = _stateFor(group, i);
                var plan = plans[group.FirstIndex + i].BoundTo(state);
                state.Step++;
                Update(plan, work, state, p.Data, grad.Segment, group.Lr, ref phases);
            }
        }
        ParamGroups[0].Lr = _shampoo.ParamGroups[0].Lr;
        Last = phases;
    }

    // Shampoo.Update, phase by phase (keep in step with src/Math/Optim/Shampoo/Shampoo.cs; CheckBitIdentical guards it).
    private void Update(ShampooParameter plan, BlockWork work, ParameterState state, Span<float> parameter, ArraySegment<float> gradientSegment, double lr, ref ShampooPhases phases)
    {
        var options = plan.Options;
        var step = state.Step;
        var t0 = Stopwatch.GetTimestamp();
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
                work.UpdateStatistics(blocks, gradientSegment, w1, w2);
            }
            else
                _shampoo.RootStatistics.SkippedStatisticsUpdates++;
        }
        var t1 = Stopwatch.GetTimestamp();
        var graft = plan.Graft;
        Grafting(plan, state, gradient, step);
        var t2 = Stopwatch.GetTimestamp();
        if (blocks.Length > 0 && step % options.PreconditionEvery == 0)
            _rootsDue(plan);
        var t3 = Stopwatch.GetTimestamp();
        float scale = 1;
        var update = graft;
        long t4 = t3;
        if (plan.Preconditioned.Length > 0 && step >= options.StartPreconditioningStep)
        {
            var direction = plan.Direction;
            work.Precondition(plan.Preconditioned, gradientSegment, direction);
            t4 = Stopwatch.GetTimestamp();
            update = direction;
            scale = plan.GraftOnly.Length == 0 ? GraftScale(plan, direction, graft) : GraftMixed(plan, direction, graft);
        }
        var decay = options.WeightDecay.Decoupled ? options.WeightDecay.Value : 0;
        var rule = new ShampooStepRule(scale, options.Momentum, lr, decay);
        ElementwiseUpdate.Run(rule, parameter, update, plan.MomentumSlot >= 0 ? state.Slot(plan.MomentumSlot) : default);
        var t5 = Stopwatch.GetTimestamp();
        phases.Statistics += t1 - t0;
        phases.Grafting += t2 - t1;
        phases.Snapshots += t3 - t2;
        phases.Preconditioning += t4 - t3;
        phases.Update += t5 - t4;
    }

    /// <inheritdoc />
    protected override void Update(Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, AdamOptions options, double lr) =>
        throw new NotSupportedException("the wrapper steps the Shampoo it wraps");

    /// <inheritdoc />
    protected override string[] StateBufferNames(AdamOptions options) => [];

    /// <summary>
    /// Trains two copies of <paramref name="workload"/>'s model <paramref name="steps"/> steps, one with <see cref="Shampoo.Step"/>
    /// and one through this wrapper (external roots computed and adopted at once, as a late root would be), and throws unless
    /// every parameter is bit-identical after every step.
    /// </summary>
    public static void CheckBitIdentical(Workload workload, FashionMnist data, Func<IEnumerable<Parameter>, Shampoo> create, int steps = 25)
    {
        Trainer Make(bool timed, out Shampoo shampoo)
        {
            var model = workload.CreateModel(new SplitMix64(0));
            shampoo = create(model.Parameters());
            shampoo.Mode = RootComputation.External;
            Optimizer stepper = timed ? new PhaseTimedShampoo(shampoo) : shampoo;
            return new Trainer(workload, model, stepper, new BatchLoader(data.Train, workload.BatchSize));
        }
        var plain = Make(false, out var a);
        var timed = Make(true, out var b);
        for (var s = 1; s <= steps; s++)
        {
            plain.RunStep();
            timed.RunStep();
            foreach (var snapshot in a.TakeSnapshots())
                a.TryAdoptRoots(ShampooRoots.Compute(snapshot));
            foreach (var snapshot in b.TakeSnapshots())
                b.TryAdoptRoots(ShampooRoots.Compute(snapshot));
            var pa = plain.Model.Parameters().ToArray();
            var pb = timed.Model.Parameters().ToArray();
            for (var i = 0; i < pa.Length; i++)
            {
                if (!pa[i].Data.SequenceEqual(pb[i].Data))
                    throw new InvalidOperationException($"the phase-timed Shampoo step differs from Shampoo.Step at step {s}, parameter {i}: update bench/ShampooActors.Bench/PhaseTimedShampoo.cs");
            }
        }
    }

    private static T Static<T>(string name) where T : Delegate =>
        (typeof(Shampoo).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static) ?? throw new MissingMethodException(nameof(Shampoo), name))
            .CreateDelegate<T>();
}
