using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Coco.Connectors.Storage;

/// <summary>
/// One cached model per key ring: the model's converters hold the ring's cipher, and servers with different keys can
/// share a process (tests, tools). Without encryption the key is the default one.
/// </summary>
internal sealed class StoredSecretsModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, (context as CocoDbContext)?.StoredSecrets?.Fingerprint);
}
