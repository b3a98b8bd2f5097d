using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Querying;

/// <summary>Relay-style paging arguments: <c>first</c>/<c>after</c> forwards, <c>last</c>/<c>before</c> backwards.</summary>
public sealed record KeysetRequest(int? First = null, string? After = null, int? Last = null, string? Before = null);
