#!/bin/sh
# Regenerates the nginx-*.txt goldens: a private nginx 1.22 (Debian) on 127.0.0.1 writes the same requests in five
# log formats. The expected fields in nginx-requests.tsv are the requests this script sends, written by hand, not
# read back from the logs. Run as: sh make-nginx-logs.sh (needs nginx and curl).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
up=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$dir/www"; chmod 755 "$dir" "$dir/www"
echo hello > "$dir/www/index.html"
cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 64; }
http {
  client_body_temp_path $dir/body; proxy_temp_path $dir/proxy; fastcgi_temp_path $dir/fcgi;
  uwsgi_temp_path $dir/uwsgi; scgi_temp_path $dir/scgi;
  log_format main '\$remote_addr - \$remote_user [\$time_local] "\$request" '
                  '\$status \$body_bytes_sent "\$http_referer" '
                  '"\$http_user_agent" "\$http_x_forwarded_for"';
  log_format timed '\$remote_addr - \$remote_user [\$time_local] "\$request" \$status \$body_bytes_sent '
                   '"\$http_referer" "\$http_user_agent" \$request_time \$upstream_response_time';
  log_format kv '\$remote_addr - \$remote_user [\$time_local] "\$request" \$status \$body_bytes_sent '
                '"\$http_referer" "\$http_user_agent" rt=\$request_time uct="\$upstream_connect_time" '
                'uht="\$upstream_header_time" urt="\$upstream_response_time"';
  log_format vhost '\$host:\$server_port \$remote_addr - \$remote_user [\$time_local] "\$request" \$status '
                   '\$body_bytes_sent "\$http_referer" "\$http_user_agent"';
  log_format json escape=json '{"time_iso8601":"\$time_iso8601","remote_addr":"\$remote_addr","host":"\$host",'
                  '"request_method":"\$request_method","request_uri":"\$request_uri","status":\$status,'
                  '"body_bytes_sent":\$body_bytes_sent,"request_time":\$request_time,'
                  '"upstream_response_time":"\$upstream_response_time","http_user_agent":"\$http_user_agent",'
                  '"http_referer":"\$http_referer","http_x_forwarded_for":"\$http_x_forwarded_for","http_via":"\$http_via"}';
  server {
    listen 127.0.0.1:$port;
    server_name shop.example;
    root $dir/www;
    access_log $dir/combined.log combined;
    access_log $dir/main.log main;
    access_log $dir/timed.log timed;
    access_log $dir/kv.log kv;
    access_log $dir/vhost.log vhost;
    access_log $dir/json.log json;
    location /api/ { proxy_pass http://127.0.0.1:$up/; }
  }
  server { listen 127.0.0.1:$up; access_log off; location / { return 200 "api\n"; } }
}
CONF
nginx -c "$dir/nginx.conf" -p "$dir"
trap 'kill $(cat "$dir/nginx.pid") 2>/dev/null; rm -rf "$dir"' EXIT
sleep 0.3
u=http://127.0.0.1:$port
curl -s -o /dev/null --interface 127.0.0.2 -A 'Mozilla/5.0 (X11; Linux x86_64)' -e 'https://ref.example/' "$u/index.html"
curl -s -o /dev/null --interface 127.0.0.3 -A 'curl-test "quoted"' "$u/missing?q=1&cb=12345"
curl -s -o /dev/null --interface 127.0.0.4 -H 'Host: api.example' -H 'X-Forwarded-For: 203.0.113.7, 198.51.100.9' -H 'Via: 1.1 proxy' "$u/api/items?id=7"
curl -s -o /dev/null --interface 127.0.0.5 -X POST -d 'a=b' -A 'poster/1.0' "$u/api/login"
printf 'GARBAGE\r\n\r\n' | python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1',$port),source_address=('127.0.0.6',0)); s.sendall(sys.stdin.buffer.read()); s.recv(4096); s.close()"
sleep 0.3
for f in combined main timed kv vhost json; do cp "$dir/$f.log" "$here/nginx-$f.txt"; done
