using System.Linq.Expressions;

namespace Coco.Connectors.Querying;

public enum QueryFieldKind
{
    String,
    Boolean,
    DateTime,
    Int,
    StringList,
}
