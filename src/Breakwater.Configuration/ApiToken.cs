namespace Breakwater.Configuration;

/// <summary>One entry of <c>api.tokens</c>. <see cref="ToString"/> never shows the secret.</summary>
public sealed record ApiToken(string Name, string Token, ApiRole Role)
{
    public override string ToString() => $"{Name} ({Role.ToString().ToLowerInvariant()})";
}
