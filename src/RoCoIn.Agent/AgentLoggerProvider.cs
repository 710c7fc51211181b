using Microsoft.Extensions.Logging;

namespace RoCoIn.Agent;

/// <summary>Routes the SignalR client's own log messages (at <paramref name="minimum"/> and above) into the agent's log.</summary>
public sealed class AgentLoggerProvider(AgentLog log, LogLevel minimum) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(log, minimum, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(AgentLog log, LogLevel minimum, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => minimum != LogLevel.None && logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var text = $"{category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.Message)}";
            if (logLevel >= LogLevel.Error)
                log.Error(text);
            else
                log.Warn(text);
        }
    }
}
