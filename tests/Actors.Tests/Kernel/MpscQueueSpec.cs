namespace ShampooActors.Actors.Tests.Kernel;

public sealed class MpscQueueSpec
{
    [Fact]
    public void Items_come_out_in_the_order_they_went_in()
    {
        var queue = new MpscQueue<int>();
        Assert.True(queue.IsEmpty);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 100; i++)
                queue.Enqueue(i);
            Assert.False(queue.IsEmpty);
            for (var i = 0; i < 100; i++)
            {
                Assert.True(queue.TryDequeue(out var item));
                Assert.Equal(i, item);
            }
            Assert.True(queue.IsEmpty);
            Assert.False(queue.TryDequeue(out _));
        }
    }

    [Fact]
    public void Concurrent_producers_lose_nothing_and_each_keeps_its_order()
    {
        const int producers = 4, perProducer = 100_000;
        var queue = new MpscQueue<(int Producer, int Seq)>();
        using var start = new Barrier(producers + 1);
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perProducer; i++)
                queue.Enqueue((p, i));
        })).ToList();
        threads.ForEach(t => t.Start());
        start.SignalAndWait();

        var next = new int[producers];
        var received = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (received < producers * perProducer)
        {
            if (queue.TryDequeue(out var item))
            {
                Assert.Equal(next[item.Producer], item.Seq);
                next[item.Producer]++;
                received++;
            }
            else if (DateTime.UtcNow > deadline)
                Assert.Fail($"only {received} of {producers * perProducer} items arrived");
        }
        threads.ForEach(t => t.Join());
        Assert.True(queue.IsEmpty);
        Assert.All(next, n => Assert.Equal(perProducer, n));
    }
}
