using System.Text.Json.Serialization;
using ShampooActors.Configuration;
using ShampooActors.Math.Optim;

namespace ShampooActors.Host.Settings;

/// <summary>The <c>optimizer</c> section: the kind, its options record (read from the kind's own section) and the schedule.</summary>
internal sealed record OptimizerSettings(string Kind, [property: JsonIgnore] OptimizerOptions Options, ScheduleSettings Schedule)
{
    /// <summary>The optimizer kinds, each with the options record its section mirrors.</summary>
    public static IReadOnlyDictionary<string, Type> Kinds { get; } = new Dictionary<string, Type>
    {
        ["sgd"] = typeof(SgdOptions),
        ["adam"] = typeof(AdamOptions),
        ["adamw"] = typeof(AdamWOptions),
        ["adagrad"] = typeof(AdagradOptions),
        ["rmsprop"] = typeof(RmsPropOptions),
        ["shampoo"] = typeof(ShampooOptions),
        ["sonew"] = typeof(SoNewOptions),
        ["neumann"] = typeof(NeumannOptions),
    };

    /// <summary>Reads the section; an option out of range is an error at its path and file:line.</summary>
    public static OptimizerSettings From(Config config, int steps)
    {
        var kind = SettingChecks.OneOf(config, "optimizer.kind", Kinds.Keys.ToArray());
        var section = $"optimizer.{kind}";
        var options = (OptimizerOptions)OptionsBinder.Bind(Kinds[kind], config, section);
        try
        {
            options.Validate();
        }
        catch (InvalidOptionsException e)
        {
            throw SettingChecks.Invalid(config, PathOf(config, section, e.Option), e.Message);
        }
        return new OptimizerSettings(kind, options, ScheduleSettings.From(config, steps));
    }

    /// <summary>
    /// The config path of an option named by an <see cref="InvalidOptionsException"/> (<c>WeightDecay</c>, <c>blocking.block-size</c>,
    /// or a nested record's own name such as <c>ridge</c>): the kebab-cased name under the section, else the one leaf that ends with it.
    /// </summary>
    public static string PathOf(Config config, string section, string option)
    {
        var relative = string.Join('.', option.Split('.').Select(EnumNames.Policy.ConvertName));
        var direct = $"{section}.{relative}";
        if (config.HasPathOrNull(direct))
            return direct;
        var nested = config.Entries().Select(e => e.Key)
            .Where(path => path.StartsWith(section + ".", StringComparison.Ordinal) && path.EndsWith("." + relative, StringComparison.Ordinal))
            .ToArray();
        return nested.Length == 1 ? nested[0] : section;
    }
}
