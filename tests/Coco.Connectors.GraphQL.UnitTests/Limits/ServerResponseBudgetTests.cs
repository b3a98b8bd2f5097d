using Coco.Connectors.GraphQLApi.Limits;

namespace Coco.Connectors.UnitTests.Limits;

/// <summary>The arithmetic between one execution's <see cref="ResponseBudget"/> and the server-wide one.</summary>
public sealed class ServerResponseBudgetTests
{
    [Fact]
    public void Charges_are_shared_and_returned_on_disposal()
    {
        var server = new ServerResponseBudget(1_000);
        var first = new ResponseBudget(10_000, CancellationToken.None, server);
        var second = new ResponseBudget(10_000, CancellationToken.None, server);

        first.Charge(400);
        second.Charge(300);
        Assert.Equal(300, server.Available);

        first.Dispose();
        Assert.Equal(700, server.Available);
        second.Dispose();
        Assert.Equal(1_000, server.Available);
    }

    [Fact]
    public void Overdrawing_the_server_stops_the_execution_as_server_busy_and_returns_everything()
    {
        var server = new ServerResponseBudget(1_000);
        var holder = new ResponseBudget(10_000, CancellationToken.None, server);
        holder.Charge(900);
        var budget = new ResponseBudget(10_000, CancellationToken.None, server);

        budget.Charge(50);
        Assert.Throws<OperationCanceledException>(() => budget.Charge(100));

        Assert.True(budget.IsSpent);
        Assert.True(budget.IsServerBusy);
        Assert.True(budget.Token.IsCancellationRequested);
        Assert.Equal(LimitCodes.ServerBusy, budget.Error().Code);
        Assert.False(holder.IsSpent);

        budget.Dispose();
        holder.Dispose();
        Assert.Equal(1_000, server.Available);
    }

    [Fact]
    public void A_response_too_large_is_still_named_so()
    {
        var server = new ServerResponseBudget(1_000_000);
        using var budget = new ResponseBudget(100, CancellationToken.None, server);

        Assert.Throws<OperationCanceledException>(() => budget.Charge(101));

        Assert.Equal(LimitCodes.ResponseTooLarge, budget.Error().Code);
        Assert.False(budget.IsServerBusy);
    }

    [Fact]
    public void Returning_the_share_early_stops_charging_the_server()
    {
        var server = new ServerResponseBudget(1_000);
        using var budget = new ResponseBudget(10_000, CancellationToken.None, server);
        budget.Charge(200);

        budget.ReturnServerShare();
        budget.Charge(200);

        Assert.Equal(1_000, server.Available);
    }

    [Fact]
    public void Concurrent_charges_and_disposals_return_every_byte()
    {
        var server = new ServerResponseBudget(long.MaxValue / 2);
        Parallel.For(0, 64, _ =>
        {
            using var budget = new ResponseBudget(long.MaxValue, CancellationToken.None, server);
            Parallel.For(0, 100, _ => budget.Charge(7));
        });

        Assert.Equal(long.MaxValue / 2, server.Available);
    }
}
