namespace Coco.Connectors.Storage.Postgres;

/// <summary>
/// Which recorded changes a listener has delivered, so that a replay after a reconnect delivers each missed change
/// once. Sequence numbers are taken inside the writing transactions, so they may commit out of order; everything up
/// to <see cref="Floor"/> is done, and numbers above it are remembered one by one until the holes below them close
/// (the missing change committed and was delivered) or outlive the grace period (its transaction rolled back).
/// </summary>
internal sealed class ChangeSequence(TimeProvider clock, TimeSpan gapGrace)
{
    private readonly SortedSet<long> _above = [];
    private long _floor;
    private long _gapFloor = -1;
    private DateTimeOffset _gapSince;

    /// <summary>Every change up to here was delivered or will never commit; a replay starts after it.</summary>
    public long Floor => _floor;

    /// <summary>Starts after the newest change recorded when this instance began listening.</summary>
    public void Start(long floor)
    {
        _floor = floor;
        _above.Clear();
    }

    /// <summary>True when <paramref name="seq"/> was not delivered yet (and now counts as delivered).</summary>
    public bool Accept(long seq)
    {
        if (seq <= _floor || !_above.Add(seq))
        {
            return false;
        }

        Advance();
        return true;
    }

    /// <summary>Moves the floor over closed holes, and over a hole older than the grace period.</summary>
    public void Advance()
    {
        while (_above.Count > 0)
        {
            var lowest = _above.Min;
            if (lowest == _floor + 1)
            {
                _floor = lowest;
                _above.Remove(lowest);
                continue;
            }

            var now = clock.GetUtcNow();
            if (_gapFloor != _floor)
            {
                _gapFloor = _floor;
                _gapSince = now;
                return;
            }

            if (now - _gapSince < gapGrace)
            {
                return;
            }

            _floor = lowest - 1;
        }
    }
}
