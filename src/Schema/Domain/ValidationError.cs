namespace Coco.Connectors.Domain;

/// <summary>
/// A field of the input is missing, of the wrong type or out of range: where (<see cref="Path"/>) and what is wrong
/// (<see cref="Problem"/>, phrased to follow the path, e.g. <c>must be a string</c>). Each API says the path in its
/// own names (<see cref="ReasonAt"/>).
/// </summary>
public sealed record ValidationError : ConnectorError
{
    public ValidationError(FieldPath path, string problem)
        : this(path, problem, standsAlone: false)
    {
    }

    private ValidationError(FieldPath path, string problem, bool standsAlone)
        : base("")
    {
        Path = path;
        Problem = problem;
        StandsAlone = standsAlone;
        Message = $"{path}: {Reason}";
    }

    public FieldPath Path { get; }

    public string Problem { get; }

    /// <summary>True when <see cref="Problem"/> is a whole sentence that does not start with the path.</summary>
    public bool StandsAlone { get; }

    /// <summary>The reason in Coco's names, as REST answers it.</summary>
    public string Reason => ReasonAt(Path.ToString());

    /// <summary>A problem said as a whole sentence, for a refusal about the field as a whole.</summary>
    public static ValidationError Sentence(FieldPath path, string sentence) => new(path, sentence, standsAlone: true);

    /// <summary>The reason with the path written as <paramref name="renderedPath"/>.</summary>
    public string ReasonAt(string renderedPath) => StandsAlone ? Problem : $"{renderedPath} {Problem}";
}
