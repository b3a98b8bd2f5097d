using Coco.Connectors.Storage;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Querying;

public sealed record CategoryCount(string Category, int Count);
