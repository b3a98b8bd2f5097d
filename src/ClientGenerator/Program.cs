using Coco.Connectors.ClientGenerator;

return GeneratorCommand.Run(args, Console.Out, Console.Error);
