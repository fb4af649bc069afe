namespace Breakwater.Alerts;

/// <summary>One way of telling someone: a single try that throws when it did not get through.</summary>
public interface IAlertChannel
{
    Task SendAsync(AlertEvent alert, CancellationToken cancellationToken);
}
