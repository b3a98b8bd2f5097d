using System.Text;

namespace Coco.Connectors.Secrets;

/// <summary>
/// How an unexpected exception is written to the log: its type and stack, with those of its inner exceptions, but no
/// message. Messages can quote stored or submitted values (SQL parameters, JSON snippets), secrets included.
/// </summary>
public static class ExceptionLog
{
    public static string Describe(Exception exception)
    {
        var text = new StringBuilder();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            text.Append(e == exception ? "" : " ---> ").Append(e.GetType().FullName).AppendLine().Append(e.StackTrace).AppendLine();
        }

        return text.ToString();
    }
}
