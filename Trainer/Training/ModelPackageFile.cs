using FraudActors.Grains.Abstractions.Models;
using FraudActors.Silo.Storage.Serialization;

namespace FraudActors.Trainer.Training;

/// <summary>A model package as a JSON file: what <c>train</c> writes and <c>publish</c>/<c>evaluate</c> read.</summary>
internal static class ModelPackageFile
{
    public static void Write(string path, ModelPackage package)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(path, ModelPackageJson.Serialize(package));
    }

    public static ModelPackage Read(string path) => ModelPackageJson.Deserialize(File.ReadAllBytes(path));
}
