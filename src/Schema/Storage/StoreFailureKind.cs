namespace Coco.Connectors.Storage;

/// <summary>Why the store could not serve a request; each kind has its own status code and error code.</summary>
public enum StoreFailureKind
{
    /// <summary>Another writer holds the write lock past the busy timeout; retrying later will work.</summary>
    Busy,

    /// <summary>No room left for the write (disk full or a size limit).</summary>
    Full,

    /// <summary>The database file is missing, replaced, unreadable or damaged.</summary>
    Unavailable,
}
