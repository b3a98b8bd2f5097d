namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>Everything the emitter writes.</summary>
internal sealed record ClientModel(
    IReadOnlyList<OperationModel> Operations,
    IReadOnlyList<ShapeModel> Fragments,
    IReadOnlyList<InputObjectModel> Inputs,
    IReadOnlyList<EnumModel> Enums);
