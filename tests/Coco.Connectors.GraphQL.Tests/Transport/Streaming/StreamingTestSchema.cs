using System.Collections.Immutable;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Transport.Streaming;

public sealed record TestMessage(string Topic, string Text, int Seq);

/// <summary>An in-memory pub/sub for the test schema; it counts subscribers so tests can see release.</summary>
public sealed class TestHub
{
    private ImmutableList<Subscriber> _subscribers = [];

    public int SubscriberCount(string topic) => _subscribers.Count(s => s.Topic == topic);

    /// <summary>Sends <paramref name="count"/> messages to every current subscriber of the topic; returns how many there were.</summary>
    public int Publish(string topic, string text, int count = 1)
    {
        var targets = _subscribers.Where(s => s.Topic == topic).ToList();
        for (var seq = 1; seq <= count; seq++)
        {
            var message = new TestMessage(topic, text, seq);
            foreach (var target in targets)
            {
                target.Observer.OnNext(message);
            }
        }

        return targets.Count;
    }

    public IObservable<TestMessage> Messages(string topic) => new TopicStream(this, topic);

    private sealed record Subscriber(string Topic, IObserver<TestMessage> Observer);

    private sealed class TopicStream(TestHub hub, string topic) : IObservable<TestMessage>
    {
        public IDisposable Subscribe(IObserver<TestMessage> observer)
        {
            var subscriber = new Subscriber(topic, observer);
            ImmutableInterlocked.Update(ref hub._subscribers, list => list.Add(subscriber));
            return new Disposer(() => ImmutableInterlocked.Update(ref hub._subscribers, list => list.Remove(subscriber)));
        }
    }
}

internal sealed class Disposer(Action dispose) : IDisposable
{
    public void Dispose() => dispose();
}

/// <summary>Resolved from DI by the schema (graph types used by type parameter are).</summary>
public sealed class TestMessageType : ObjectGraphType<TestMessage>
{
    public TestMessageType()
    {
        Name = "TestMessage";
        Field(m => m.Topic);
        Field(m => m.Text);
        Field(m => m.Seq);

        // Resolved per event from the operation's DI scope: proves the scope outlives the subscribe call.
        Field<NonNullGraphType<StringGraphType>>("scopeId")
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<ScopeProbe>().Id);
    }
}

/// <summary>Knows which <see cref="ScopeProbe"/>s (one per DI scope) are alive.</summary>
public sealed class ScopeProbeRegistry
{
    private ImmutableHashSet<string> _live = [];

    public bool IsLive(string id) => _live.Contains(id);

    internal void Born(string id) => ImmutableInterlocked.Update(ref _live, set => set.Add(id));

    internal void Died(string id) => ImmutableInterlocked.Update(ref _live, set => set.Remove(id));
}

/// <summary>A scoped service that reports its own disposal, and refuses use after it.</summary>
public sealed class ScopeProbe : IDisposable
{
    private readonly ScopeProbeRegistry _registry;
    private readonly string _id = Guid.NewGuid().ToString("N");
    private bool _disposed;

    public ScopeProbe(ScopeProbeRegistry registry)
    {
        _registry = registry;
        registry.Born(_id);
    }

    public string Id
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _id;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _registry.Died(_id);
    }
}

/// <summary>A small code-first schema that exercises every path of the streaming transports.</summary>
public sealed class StreamingTestSchema : Schema
{
    public StreamingTestSchema(IServiceProvider services, TestHub hub)
        : base(services)
    {
        Query = new TestQuery(hub);
        Mutation = new TestMutation(hub);
        Subscription = new TestSubscription(hub);
        foreach (var root in new IComplexGraphType[] { Query, Mutation, Subscription })
        {
            Coco.Connectors.Auth.FieldPermissions.RequirePermissionOnAll(root, Coco.Connectors.Auth.Permissions.Read);
        }
    }

    private sealed class TestQuery : ObjectGraphType
    {
        public TestQuery(TestHub hub)
        {
            Name = "Query";
            Field<NonNullGraphType<StringGraphType>>("hello")
                .Argument<StringGraphType>("name")
                .Resolve(ctx => $"Hello, {ctx.GetArgument<string?>("name") ?? "world"}!");
            Field<NonNullGraphType<IntGraphType>>("subscribers")
                .Argument<NonNullGraphType<StringGraphType>>("topic")
                .Resolve(ctx => hub.SubscriberCount(ctx.GetArgument<string>("topic")));
            Field<StringGraphType>("connectionParam")
                .Argument<NonNullGraphType<StringGraphType>>("name")
                .Resolve(ctx => ctx.UserContext.TryGetValue("connectionParams", out var value)
                    && value is IReadOnlyDictionary<string, object?> parameters
                    && parameters.TryGetValue(ctx.GetArgument<string>("name"), out var parameter)
                        ? parameter?.ToString()
                        : null);
        }
    }

    private sealed class TestMutation : ObjectGraphType
    {
        public TestMutation(TestHub hub)
        {
            Name = "Mutation";
            Field<NonNullGraphType<IntGraphType>>("publish")
                .Argument<NonNullGraphType<StringGraphType>>("topic")
                .Argument<NonNullGraphType<StringGraphType>>("text")
                .Argument<IntGraphType>("count", a => a.DefaultValue = 1)
                .Resolve(ctx => hub.Publish(ctx.GetArgument<string>("topic"), ctx.GetArgument<string>("text"), ctx.GetArgument<int>("count")));
        }
    }

    private sealed class TestSubscription : ObjectGraphType
    {
        public TestSubscription(TestHub hub)
        {
            Name = "Subscription";
            Field<NonNullGraphType<TestMessageType>>("messages")
                .Argument<NonNullGraphType<StringGraphType>>("topic")
                .ResolveStream(ctx => hub.Messages(ctx.GetArgument<string>("topic")));
            Field<NonNullGraphType<IntGraphType>>("ticks")
                .Argument<NonNullGraphType<IntGraphType>>("count")
                .ResolveStream(ctx => new Ticks(ctx.GetArgument<int>("count"), failAtEnd: false));
            Field<NonNullGraphType<IntGraphType>>("failing")
                .ResolveStream(_ => new Ticks(1, failAtEnd: true));
            Field<IntGraphType>("broken")
                .ResolveStream(IObservable<object?> (_) => throw new InvalidOperationException("No stream today."));
        }
    }

    /// <summary>Counts 1..n on the thread pool, then completes (or fails).</summary>
    private sealed class Ticks(int count, bool failAtEnd) : IObservable<object?>
    {
        public IDisposable Subscribe(IObserver<object?> observer)
        {
            var stopped = false;
            _ = Task.Run(() =>
            {
                for (var i = 1; i <= count && !Volatile.Read(ref stopped); i++)
                {
                    observer.OnNext(i);
                }

                if (failAtEnd)
                {
                    observer.OnError(new ExecutionError("The ticker broke.") { Code = "TICKER_BROKE" });
                }
                else
                {
                    observer.OnCompleted();
                }
            });
            return new Disposer(() => Volatile.Write(ref stopped, true));
        }
    }
}
