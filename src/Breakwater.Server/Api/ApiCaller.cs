using Breakwater.Configuration;

namespace Breakwater.Server.Api;

/// <summary>Who made an API request: the token's name (logged instead of the token) and its role.</summary>
public sealed record ApiCaller(string Name, ApiRole Role);
