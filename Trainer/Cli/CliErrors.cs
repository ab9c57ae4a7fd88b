using FraudActors.Trainer.Training;
using FraudActors.Trainer.Xgboost;

namespace FraudActors.Trainer.Cli;

/// <summary>Which failures a user can cause and fix, and the one line that tells them how.</summary>
internal static class CliErrors
{
    public static bool IsUserError(Exception exception) => exception is
        ArgumentException or InvalidDataException or IOException or UnauthorizedAccessException
        or TrainingDataException or XgboostException or System.Text.Json.JsonException;

    public static string Describe(Exception exception) => exception switch
    {
        FileNotFoundException missing => $"file not found: {missing.FileName}",
        DirectoryNotFoundException => $"{exception.Message} Check the path.",
        XgboostException => $"XGBoost: {exception.Message}",
        System.Text.Json.JsonException => $"not a valid model package: {exception.Message}",
        _ => exception.Message,
    };
}
