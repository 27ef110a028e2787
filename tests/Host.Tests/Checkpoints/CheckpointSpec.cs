using ShampooActors.Host.Checkpoints;
using ShampooActors.Math;
using ShampooActors.Math.Data;
using ShampooActors.Math.Models;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;

using static ShampooActors.Host.Tests.CliRun;

namespace ShampooActors.Host.Tests.Checkpoints;

[Collection(nameof(AloneCollection))]
public sealed class CheckpointSpec : IDisposable
{
    private static readonly Lazy<ImageDataset> Train = new(() => FashionMnist.Load().Train);

    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (Trainer Trainer, TrainingState State) Fresh()
    {
        var workload = new FashionMnistMlp();
        var model = workload.CreateModel(new SplitMix64(0));
        var optimizer = new Shampoo(model.Parameters(), new ShampooOptions { Lr = 3e-3, PreconditionEvery = 2, StartPreconditioningStep = 2 });
        var scheduler = new LrScheduler(optimizer, new CosineSchedule(20));
        var loader = new BatchLoader(Train.Value, 64, seed: 5);
        return (new Trainer(workload, model, optimizer, loader, scheduler), new TrainingState(model, optimizer, scheduler, loader));
    }

    private static void Steps(Trainer trainer, int count)
    {
        for (var i = 0; i < count; i++)
            trainer.RunStep();
    }

    [Fact]
    public void A_run_restored_from_a_checkpoint_file_continues_bit_identically()
    {
        var (through, throughState) = Fresh();
        Steps(through, 7);
        var path = new CheckpointStore(_root, 3).Save(throughState.Capture(7));
        Steps(through, 6);

        var (resumed, resumedState) = Fresh();
        var checkpoint = CheckpointStore.Read(path);
        resumedState.Model.LoadStateDict(checkpoint.Model);
        resumedState.Optimizer.LoadStateDict(checkpoint.Optimizer);
        resumedState.Scheduler.LoadStateDict(checkpoint.Scheduler);
        resumedState.Loader.RestoreState(checkpoint.Data);
        Steps(resumed, 6);

        Assert.Equal(7, checkpoint.Step);
        var expected = throughState.Model.StateDict();
        foreach (var (name, tensor) in resumedState.Model.StateDict())
            Assert.True(tensor.Data.SequenceEqual(expected[name].Data), $"parameter {name} differs after resuming");
        Assert.Equal(throughState.Optimizer.ParamGroups[0].Lr, resumedState.Optimizer.ParamGroups[0].Lr);
    }

    [Fact]
    public void Every_part_of_the_state_reads_back_as_it_was_written()
    {
        var (trainer, state) = Fresh();
        Steps(trainer, 3);
        var written = state.Capture(3);

        var read = CheckpointFile.Deserialize(CheckpointFile.Serialize(written), "memory");

        Assert.Equal(written.Optimizer.Optimizer, read.Optimizer.Optimizer);
        Assert.Equal(written.Optimizer.ParamGroups[0].Options, read.Optimizer.ParamGroups[0].Options);
        Assert.Equal(written.Optimizer.State.Keys.Order(), read.Optimizer.State.Keys.Order());
        foreach (var (index, parameter) in written.Optimizer.State)
        {
            Assert.Equal(parameter.Step, read.Optimizer.State[index].Step);
            Assert.Equal(parameter.CounterValues.OrderBy(kv => kv.Key), read.Optimizer.State[index].CounterValues.OrderBy(kv => kv.Key));
            foreach (var (name, buffer) in parameter.Buffers)
                Assert.True(buffer.Data.SequenceEqual(read.Optimizer.State[index].Buffers[name].Data), $"buffer {name} of parameter {index}");
        }
        Assert.Equal(written.Scheduler.LastStep, read.Scheduler.LastStep);
        Assert.Equal(written.Scheduler.BaseLrs, read.Scheduler.BaseLrs);
        Assert.Equal(written.Data.Permutation, read.Data.Permutation);
        Assert.Equal((written.Data.Epoch, written.Data.BatchIndex, written.Data.RngState), (read.Data.Epoch, read.Data.BatchIndex, read.Data.RngState));
    }

    [Fact]
    public void The_training_seconds_read_back_and_a_file_written_without_them_still_reads()
    {
        var (trainer, state) = Fresh();
        Steps(trainer, 2);
        var withTime = CheckpointFile.Serialize(state.Capture(2, wallSeconds: 12.5));
        var withoutTime = WithoutHeaderField(withTime, "wall_seconds");

        var read = CheckpointFile.Deserialize(withoutTime, "old.ckpt");

        Assert.Equal(12.5, CheckpointFile.Deserialize(withTime, "new.ckpt").WallSeconds);
        Assert.Null(read.WallSeconds);
        Assert.Equal(2, read.Step);
        var expected = state.Model.StateDict();
        foreach (var (name, tensor) in read.Model)
            Assert.True(tensor.Data.SequenceEqual(expected[name].Data), $"parameter {name}");
    }

    /// <summary>
    /// The file with <paramref name="field"/> taken out of its JSON header and the checksum recomputed: a file as a build
    /// that did not write the field wrote it (magic 8 bytes, version and header length as int32, header, binary part, SHA-256).
    /// </summary>
    private static byte[] WithoutHeaderField(byte[] file, string field)
    {
        var length = BitConverter.ToInt32(file, 12);
        var header = System.Text.Json.Nodes.JsonNode.Parse(file.AsSpan(16, length))!.AsObject();
        Assert.True(header.Remove(field), $"the header has no {field}");
        var json = System.Text.Encoding.UTF8.GetBytes(header.ToJsonString());
        var body = new List<byte>(file[..12]);
        body.AddRange(BitConverter.GetBytes(json.Length));
        body.AddRange(json);
        body.AddRange(file[(16 + length)..^32]);
        body.AddRange(System.Security.Cryptography.SHA256.HashData(body.ToArray()));
        return body.ToArray();
    }

    [Theory]
    [InlineData(100)]
    [InlineData(-40)]
    [InlineData(-1)]
    public void A_changed_byte_anywhere_fails_the_checksum(int offset)
    {
        var (trainer, state) = Fresh();
        Steps(trainer, 1);
        var bytes = CheckpointFile.Serialize(state.Capture(1));
        var at = offset >= 0 ? offset : bytes.Length + offset;
        bytes[at] ^= 0x10;

        var e = Assert.Throws<CheckpointException>(() => CheckpointFile.Deserialize(bytes, "f.ckpt"));

        Assert.Equal("f.ckpt is corrupt: its checksum does not match", e.Message);
    }

    [Fact]
    public void A_truncated_or_foreign_file_is_refused_by_name()
    {
        var (trainer, state) = Fresh();
        Steps(trainer, 1);
        var bytes = CheckpointFile.Serialize(state.Capture(1));

        Assert.Contains("corrupt", Assert.Throws<CheckpointException>(() => CheckpointFile.Deserialize(bytes.AsMemory(0, bytes.Length / 2), "half.ckpt")).Message);
        Assert.Equal("notes.txt is not a checkpoint file",
            Assert.Throws<CheckpointException>(() => CheckpointFile.Deserialize("just some text, long enough to pass the size check"u8.ToArray(), "notes.txt")).Message);
    }

    [Fact]
    public void The_store_keeps_the_newest_and_falls_back_past_a_corrupt_one()
    {
        var (trainer, state) = Fresh();
        var store = new CheckpointStore(_root, keep: 2);
        for (var step = 1; step <= 5; step++)
        {
            Steps(trainer, 1);
            store.Save(state.Capture(step));
        }

        Assert.Equal(["step-00000004.ckpt", "step-00000005.ckpt"], store.Files.Select(Path.GetFileName));
        var newest = store.Files[^1];
        var bytes = File.ReadAllBytes(newest);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(newest, bytes);

        var (checkpoint, path, refused) = store.Latest();

        Assert.Equal(4, checkpoint?.Step);
        Assert.EndsWith("step-00000004.ckpt", path);
        Assert.Equal([$"{newest} is corrupt: its checksum does not match"], refused);
    }

    [Fact]
    public void A_run_with_checkpoints_on_saves_every_n_steps_and_at_its_end()
    {
        var dir = Path.Combine(_root, "run");

        var (code, _, err) = Run("train", "--steps", "10", "--log-every", "5", "--eval-every", "0", "--set", "checkpoints.every=4",
            "--set", "checkpoints.keep=2", "--out", dir, "--progress", "false");

        Assert.True(code == 0, err);
        var store = new CheckpointStore(Path.Combine(dir, "checkpoints"), 2);
        Assert.Equal(["step-00000008.ckpt", "step-00000010.ckpt"], store.Files.Select(Path.GetFileName));
        Assert.Equal(10, CheckpointStore.Read(store.Files[^1]).Step);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories));
    }
}
