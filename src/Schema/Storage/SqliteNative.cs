using System.Runtime.InteropServices;
using SQLitePCL;

namespace Coco.Connectors.Storage;

/// <summary>The one SQLite call SQLitePCLRaw does not wrap, made on the same native library it loads.</summary>
internal static class SqliteNative
{
    private const int FileControlHasMoved = 20; // SQLITE_FCNTL_HAS_MOVED

    private static readonly byte[] MainDatabase = "main\0"u8.ToArray();

    private static volatile bool s_unsupported;

    /// <summary>
    /// Whether the file a connection has open is no longer the one at its path (unlinked or renamed over): SQLite
    /// compares the path's inode with the open file's. False where the library or platform cannot tell.
    /// </summary>
    public static bool HasMoved(sqlite3 connection)
    {
        if (s_unsupported)
        {
            return false;
        }

        try
        {
            return sqlite3_file_control(connection, MainDatabase, FileControlHasMoved, out var moved) == 0 && moved != 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Another SQLite bundle than e_sqlite3: the check is skipped (documented in docs/decisions.md).
            s_unsupported = true;
            return false;
        }
    }

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_file_control(sqlite3 db, byte[] name, int op, out int result);
}
