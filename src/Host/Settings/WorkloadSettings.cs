using System.Text.Json.Serialization;
using ShampooActors.Configuration;
using ShampooActors.Math.Models;

namespace ShampooActors.Host.Settings;

/// <summary>The <c>workload</c> section: which benchmark workload, and where its data is.</summary>
internal sealed record WorkloadSettings(string Name, string DataDir)
{
    /// <summary>The workload named <see cref="Name"/>.</summary>
    [JsonIgnore]
    public Workload Definition => Workload.Find(Name)!;

    /// <summary>Reads and checks the section.</summary>
    public static WorkloadSettings From(Config config) => new(
        SettingChecks.OneOf(config, "workload.name", Workload.All.Select(w => w.Name).ToArray()),
        config.GetString("workload.data-dir"));
}
