using ShampooActors.Configuration;
using ShampooActors.Host.Settings;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;

namespace ShampooActors.Host.Tests.Settings;

public sealed class JobConfigSpec : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-job-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Job(string text, string name = "job.conf")
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private JobSettings Settings(string text, params string[] sets) =>
        JobSettings.From(JobConfig.Load(Job(text), sets.Select(ConfigOverride.Parse).ToArray()));

    private ConfigException Refused(string text, params string[] sets) => Assert.Throws<ConfigException>(() => Settings(text, sets));

    [Theory]
    [InlineData("optimizer {\n  kind = adam\n  adam.lr = -1\n}", 3, "optimizer.adam.lr", ">= 0")]
    [InlineData("optimizer.kind = adam\noptimizer.adam.beta1 = 1.0", 2, "optimizer.adam.beta1", "[0, 1)")]
    [InlineData("optimizer.kind = adamw\n\noptimizer.adamw.beta2 = -0.1", 3, "optimizer.adamw.beta2", "[0, 1)")]
    [InlineData("optimizer.kind = shampoo\noptimizer.shampoo {\n  blocking {\n    block-size = 0\n  }\n}", 4, "optimizer.shampoo.blocking.block-size", "at least 1")]
    [InlineData("optimizer.kind = shampoo\noptimizer.shampoo.roots.ridge = 0", 2, "optimizer.shampoo.roots.ridge", "> 0")]
    [InlineData("optimizer.kind = shampoo\noptimizer.shampoo.roots.retries = 9", 2, "optimizer.shampoo.roots.retries", "between 0 and 5")]
    [InlineData("optimizer.kind = shampoo\noptimizer.shampoo.grafting.beta2 = 1", 2, "optimizer.shampoo.grafting.beta2", "[0, 1)")]
    [InlineData("optimizer.kind = shampoo\noptimizer.shampoo.grafting.kind = bogus", 2, "optimizer.shampoo.grafting.kind", "none, sgd, adagrad")]
    [InlineData("optimizer.kind = sgd\noptimizer.sgd.nesterov = on", 2, "optimizer.sgd.nesterov", "needs Momentum > 0")]
    [InlineData("training {\n  steps = 0\n}", 2, "training.steps", "at least 1")]
    [InlineData("training.batch-size = lots", 1, "training.batch-size", "")]
    [InlineData("\nworkload.name = cifar", 2, "workload.name", "fmnist-mlp, fmnist-autoencoder")]
    [InlineData("optimizer.kind = lion", 1, "optimizer.kind", "sgd, adam, adamw, adagrad, rmsprop, shampoo")]
    [InlineData("logging.eval-every = 75", 1, "logging.eval-every", "multiple of logging.log-every (50)")]
    [InlineData("optimizer.schedule.warmup-steps = 10", 1, "optimizer.schedule.warmup-steps", "warmup and cosine, not constant")]
    [InlineData("model.seed = -3", 1, "model.seed", "at least 0")]
    public void A_value_out_of_range_is_refused_at_its_path_and_line(string text, int line, string path, string hint)
    {
        var e = Refused(text);

        Assert.Equal(path, e.Path);
        Assert.Equal(line, e.Origin?.Line);
        Assert.StartsWith($"{Path.Combine(_root, "job.conf")}:{line}: {path}: ", e.Message);
        Assert.Contains(hint, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("optimizer.adam.betaa = 0.9", "optimizer.adam.beta1")]
    [InlineData("optimizer.shampoo.blocking.blok-size = 64", "optimizer.shampoo.blocking.block-size")]
    [InlineData("trainng.steps = 10", "training.steps")]
    [InlineData("logging.log-evry = 10", "logging.log-every")]
    public void An_unknown_key_is_refused_with_the_closest_known_one(string text, string suggestion)
    {
        var e = Refused("# a job\n" + text);

        Assert.Equal(2, e.Origin?.Line);
        Assert.EndsWith($"unknown setting; did you mean {suggestion}?", e.Message);
    }

    [Fact]
    public void Set_overrides_the_job_file_and_the_later_set_wins()
    {
        var settings = Settings("optimizer.kind = shampoo\noptimizer.shampoo.lr = 0.01",
            "optimizer.shampoo.lr=0.02", "training.steps = 7", "optimizer.shampoo.lr=0.03");

        Assert.Equal(0.03, settings.Optimizer.Options.Lr);
        Assert.Equal(7, settings.Training.Steps);
    }

    [Fact]
    public void A_bad_set_value_names_the_set_as_its_origin()
    {
        var e = Refused("", "optimizer.adam.lr=-2");

        Assert.Equal("--set", e.Origin?.Source);
        Assert.StartsWith("--set: optimizer.adam.lr: ", e.Message);
    }

    [Fact]
    public void A_helper_key_for_substitutions_is_an_unknown_setting_too()
    {
        var e = Assert.Throws<ConfigException>(() => JobConfig.Load(Job("base-lr = 0.004\noptimizer.adam.lr = ${base-lr}"), []));

        Assert.Equal("base-lr", e.Path);
        Assert.Equal(1, e.Origin?.Line);
    }

    [Fact]
    public void Substitutions_with_environment_fallback_reach_the_settings()
    {
        var config = JobConfig.Load(Job("optimizer.adam.lr = ${?JOB_LR}\ntraining.steps = ${STEPS}"), [],
            new ConfigResolveOptions { Environment = name => name switch { "JOB_LR" => "0.005", "STEPS" => "12", _ => null } });
        var settings = JobSettings.From(config);
        Assert.Equal(0.005, settings.Optimizer.Options.Lr);
        Assert.Equal(12, settings.Training.Steps);
    }

    [Fact]
    public void A_job_may_include_another_and_change_what_it_needs()
    {
        Job("optimizer { kind = shampoo, shampoo.lr = 0.003 }\ntraining.steps = 300", "base.conf");

        var settings = Settings("include \"base.conf\"\noptimizer.kind = adam");

        Assert.Equal("adam", settings.Optimizer.Kind);
        Assert.Equal(300, settings.Training.Steps);
    }

    [Fact]
    public void The_default_job_is_shampoo_on_the_mlp()
    {
        var settings = JobSettings.From(JobConfig.Load(Repository.Hocon("fmnist-mlp.conf"), []));

        Assert.Equal("fmnist-mlp", settings.Workload.Name);
        Assert.Equal(new ShampooOptions { Lr = 3e-3 }, settings.Optimizer.Options);
        Assert.Equal(2000, settings.Training.Steps);
    }

    [Fact]
    public void The_rendered_config_reads_back_to_the_same_settings()
    {
        var config = JobConfig.Load(Job("optimizer { kind = shampoo\n shampoo { lr = 0.002, roots.method = coupled-newton, blocking.merge-dims-threshold = 64 } }"), []);
        var original = JobSettings.From(config);

        var again = JobSettings.From(JobConfig.Load(Job(config.Render(origins: true), "again.conf"), []));

        Assert.Equal(original.Optimizer.Options, again.Optimizer.Options);
        Assert.Equal(RootMethod.CoupledNewton, ((ShampooOptions)again.Optimizer.Options).Roots.Method);
        Assert.Equal(original with { Optimizer = again.Optimizer }, again);
    }

    [Theory]
    [InlineData("WeightDecay", "optimizer.adam.weight-decay")]
    [InlineData("Beta2", "optimizer.adam.beta2")]
    [InlineData("beta1", "optimizer.adam.beta1")]
    public void Option_names_of_the_records_map_to_config_paths(string option, string path) =>
        Assert.Equal(path, OptimizerSettings.PathOf(JobConfig.Reference, "optimizer.adam", option));

    [Theory]
    [InlineData("blocking.block-size", "optimizer.shampoo.blocking.block-size")]
    [InlineData("ridge", "optimizer.shampoo.roots.ridge")]
    [InlineData("roots.retries", "optimizer.shampoo.roots.retries")]
    [InlineData("weight-decay.value", "optimizer.shampoo.weight-decay.value")]
    public void Shampoo_option_names_map_to_config_paths(string option, string path) =>
        Assert.Equal(path, OptimizerSettings.PathOf(JobConfig.Reference, "optimizer.shampoo", option));

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("beta1", "betaa", 1)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void Edit_distance_counts_insertions_deletions_and_substitutions(string a, string b, int distance)
    {
        Assert.Equal(distance, ClosestKey.Distance(a, b));
        Assert.Equal(distance, ClosestKey.Distance(b, a));
    }
}
