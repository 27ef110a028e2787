using System.Text.RegularExpressions;
using ShampooActors.Host.Settings;
using ShampooActors.Math.Optim;

namespace ShampooActors.Host.Tests.Settings;

public sealed partial class ReferenceConfSpec
{
    public static TheoryData<string> Kinds() => [.. OptimizerSettings.Kinds.Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_defaults_of_every_optimizer_section_are_the_options_records_defaults(string kind)
    {
        var type = OptimizerSettings.Kinds[kind];

        var bound = OptionsBinder.Bind(type, JobConfig.Reference, $"optimizer.{kind}");

        Assert.Equal(Activator.CreateInstance(type), bound);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_key_of_an_optimizer_section_is_a_property_of_its_options_record(string kind)
    {
        var section = $"optimizer.{kind}.";
        var keys = JobConfig.Reference.Entries().Select(e => e.Key).Where(k => k.StartsWith(section, StringComparison.Ordinal))
            .Select(k => k[section.Length..]).Order(StringComparer.Ordinal);

        Assert.Equal(PropertyPaths(OptimizerSettings.Kinds[kind], "").Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public void The_reference_alone_is_adam_on_the_mlp_with_the_workloads_budget()
    {
        var settings = JobSettings.From(JobConfig.Reference);

        Assert.Equal("fmnist-mlp", settings.Workload.Name);
        Assert.Equal("adam", settings.Optimizer.Kind);
        Assert.Equal(new AdamOptions(), settings.Optimizer.Options);
        Assert.Equal(new TrainingSettings(2000, 128, 0, null, 1), settings.Training);
        Assert.Equal(new ShampooActors.Actors.Training.PreconditioningOptions(), settings.Preconditioning);
        Assert.Equal(new LoggingSettings(50, 250, null, true), settings.Logging);
        Assert.Equal("constant", settings.Optimizer.Schedule.Kind);
    }

    [Fact]
    public void Every_setting_in_the_reference_file_has_a_comment_line_right_above_it()
    {
        var lines = File.ReadAllLines(Repository.Hocon("reference.conf"));
        var undocumented = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#') || line == "}")
                continue;
            var previous = i > 0 ? lines[i - 1].Trim() : "";
            if (!previous.StartsWith('#'))
                undocumented.Add($"line {i + 1}: {line}");
        }

        Assert.Empty(undocumented);
        Assert.True(lines.Count(l => Setting().IsMatch(l)) >= JobConfig.Reference.Entries().Count, "every leaf is written on its own line");
    }

    [Fact]
    public void Every_example_job_loads_and_passes_the_settings_checks()
    {
        var jobs = Directory.GetFiles(Path.Combine(Repository.Root, "hocon"), "*.conf").Where(f => !f.EndsWith("reference.conf", StringComparison.Ordinal)).ToArray();

        Assert.Equal(4, jobs.Length);
        foreach (var job in jobs)
            JobSettings.From(JobConfig.Load(job, []));
    }

    private static IEnumerable<string> PropertyPaths(Type type, string prefix)
    {
        foreach (var (key, property) in OptionsBinder.Properties(type))
        {
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var nested = propertyType.IsClass && propertyType != typeof(string);
            foreach (var path in nested ? PropertyPaths(propertyType, prefix + key + ".") : [prefix + key])
                yield return path;
        }
    }

    [GeneratedRegex(@"^\s*[a-z0-9-]+\s*=")]
    private static partial Regex Setting();
}
