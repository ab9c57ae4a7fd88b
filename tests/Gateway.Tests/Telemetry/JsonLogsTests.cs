using System.Text.Json;
using FraudActors.Gateway.Telemetry;
using FraudActors.Grains.Abstractions.Transactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace FraudActors.Gateway.Tests.Telemetry;

public sealed class JsonLogsTests
{
    [Fact]
    public async Task The_default_host_writes_json_logs_with_the_transaction_id_when_asked_on_the_command_line()
    {
        var builder = WebApplication.CreateBuilder(["--Logging:Console:FormatterName=json", "--Logging:Console:FormatterOptions:IncludeScopes=true"]);
        builder.Services.AddTelemetry(builder.Configuration);
        await using var app = builder.Build();

        app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName.Should().Be("json");
        var json = app.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);

        // The gateway's per-transaction error, captured, then written by the host's own JSON formatter.
        var capture = new CapturingProvider();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(capture));
        var services = new ServiceCollection().AddSingleton(factory).BuildServiceProvider();
        var transaction = new CardTransaction("t-log-1", "card-log", DateTimeOffset.UnixEpoch, 1m, "EUR", "m", "grocery", Channel.Online);
        TransactionLog.Failed(services, transaction, new InvalidOperationException("grain failed")).Should().BeFalse("it is an exception filter that lets the exception go on");

        var entry = capture.Entries.Should().ContainSingle().Subject;
        using var output = new StringWriter();
        json.Write(entry, new LoggerExternalScopeProvider(), output);
        using var line = JsonDocument.Parse(output.ToString());
        line.RootElement.GetProperty("LogLevel").GetString().Should().Be("Error");
        line.RootElement.GetProperty("State").GetProperty("TransactionId").GetString().Should().Be("t-log-1");
        line.RootElement.GetProperty("Exception").GetString().Should().Contain("grain failed");
    }

    private sealed class CapturingProvider : ILoggerProvider, ILogger
    {
        public List<LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = (IReadOnlyList<KeyValuePair<string, object?>>)state!;
            Entries.Add(new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(logLevel, "FraudActors.Gateway.Transactions", eventId, fields, exception,
                (s, e) => formatter((TState)(object)s, e)));
        }

        public void Dispose()
        {
        }
    }
}
