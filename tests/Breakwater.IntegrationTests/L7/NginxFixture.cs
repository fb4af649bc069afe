using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.L7;

/// <summary>
/// One private nginx (Debian <c>nginx</c>) on 127.0.0.1 for the whole test class, started once and stopped by its
/// process id. One server per scenario, each on its own port with its own logs in nginx's sample <c>main</c> format
/// (combined + <c>"$http_x_forwarded_for"</c>) and as JSON lines; the <c>deny</c> server includes the deny list that
/// <c>mitigation export --format nginx</c> writes.
/// </summary>
public sealed class NginxFixture : IDisposable
{
    public static readonly string[] Servers = ["browse", "few", "proxies", "deny", "daemon"];

    private readonly Dictionary<string, int> _ports = [];

    public NginxFixture()
    {
        if (!OperatingSystem.IsLinux() || !PeerProcess.IsInstalled("nginx"))
        {
            return;
        }

        Dir = Directory.CreateTempSubdirectory("bw-l7-nginx-").FullName;
        File.SetUnixFileMode(Dir, (UnixFileMode)0b111_101_101);
        File.WriteAllText(DenyInclude, "# no deny list yet\n");
        Directory.CreateDirectory(Path.Combine(Dir, "www"));
        File.SetUnixFileMode(Path.Combine(Dir, "www"), (UnixFileMode)0b111_101_101);
        File.WriteAllText(Path.Combine(Dir, "www", "index.html"), "ok\n");
        var servers = new System.Text.StringBuilder();
        foreach (var name in Servers)
        {
            _ports[name] = FreeTcpPort();
            servers.Append(
                $"  server {{ listen 127.0.0.1:{_ports[name]}; server_name {name}.example; access_log {Dir}/{name}.log main; access_log {Dir}/{name}.json json;\n" +
                (name == "deny" ? $"    include {DenyInclude};\n" : "") +
                $"    location / {{ root {Dir}/www; try_files $uri /index.html; }} }}\n");
        }

        File.WriteAllText(ConfigPath, $$"""
            worker_processes 1;
            pid {{Dir}}/nginx.pid;
            error_log {{Dir}}/error.log;
            events { worker_connections 1024; }
            http {
              client_body_temp_path {{Dir}}/body; proxy_temp_path {{Dir}}/proxy; fastcgi_temp_path {{Dir}}/fcgi;
              uwsgi_temp_path {{Dir}}/uwsgi; scgi_temp_path {{Dir}}/scgi;
              keepalive_requests 100000;
              log_format main '$remote_addr - $remote_user [$time_local] "$request" '
                              '$status $body_bytes_sent "$http_referer" '
                              '"$http_user_agent" "$http_x_forwarded_for"';
              log_format json escape=json '{"time_iso8601":"$time_iso8601","remote_addr":"$remote_addr","host":"$host",'
                              '"request_method":"$request_method","request_uri":"$request_uri","status":$status,'
                              '"body_bytes_sent":$body_bytes_sent,"request_time":$request_time,'
                              '"http_user_agent":"$http_user_agent","http_referer":"$http_referer",'
                              '"http_x_forwarded_for":"$http_x_forwarded_for","http_via":"$http_via"}';
            {{servers}}
            }
            """);
        var start = Process.Start(new ProcessStartInfo("nginx") { ArgumentList = { "-c", ConfigPath, "-p", Dir }, RedirectStandardError = true })!;
        start.WaitForExit();
        if (start.ExitCode != 0)
        {
            throw new InvalidOperationException($"nginx did not start: {start.StandardError.ReadToEnd()}");
        }

        Available = true;
    }

    public bool Available { get; }

    public string Dir { get; } = "";

    public string ConfigPath => Path.Combine(Dir, "nginx.conf");

    public string DenyInclude => Path.Combine(Dir, "deny.conf");

    public Uri Url(string server) => new($"http://127.0.0.1:{_ports[server]}/");

    public string Log(string server) => Path.Combine(Dir, server + ".log");

    public string JsonLog(string server) => Path.Combine(Dir, server + ".json");

    /// <summary>nginx re-reads its configuration and includes (SIGHUP).</summary>
    public void Reload() => Signal("HUP");

    /// <summary>nginx reopens its log files (SIGUSR1), as logrotate's postrotate does.</summary>
    public void ReopenLogs() => Signal("USR1");

    public void Dispose()
    {
        if (Available)
        {
            Signal("TERM");
            var pidFile = Path.Combine(Dir, "nginx.pid");
            for (var i = 0; i < 50 && File.Exists(pidFile); i++)
            {
                Thread.Sleep(100);
            }
        }

        if (Dir.Length > 0)
        {
            try
            {
                Directory.Delete(Dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private void Signal(string signal)
    {
        var pid = File.ReadAllText(Path.Combine(Dir, "nginx.pid")).Trim();
        using var kill = Process.Start("kill", ["-" + signal, pid]);
        kill.WaitForExit();
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
