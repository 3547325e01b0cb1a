#!/usr/bin/env python3
"""Sequential API-token and client-access-token requests against a running `tollgate serve` (docs/performance.md).

Usage: ./tollgate serve --port 0 --data-dir /tmp/tg-perf &
       ./tollgate app create --name perf --data-dir /tmp/tg-perf > /tmp/perf-app.json
       python3 scripts/measure-issuance.py /tmp/tg-perf /tmp/perf-app.json
"""
import http.client, json, base64, time, sys
url=open(sys.argv[1]+'/server.url').read().strip()
host,port=url.split('//')[1].split(':')
app=json.load(open(sys.argv[2]))
basic=base64.b64encode(f"{app['applicationId']}:{app['secret']}".encode()).decode()
c=http.client.HTTPConnection(host,int(port))
def api():
    c.request('POST','/v1/auth/token','grant_type=client_credentials',{'Authorization':'Basic '+basic,'Content-Type':'application/x-www-form-urlencoded'})
    r=c.getresponse(); b=r.read(); assert r.status==200,b; return json.loads(b)['access_token']
def cat(tok):
    c.request('POST','/v2/client-access-token','{"sessionScope":"conf:create","externalId":"alice@example.com"}',{'Authorization':'Bearer '+tok,'Content-Type':'application/json'})
    r=c.getresponse(); b=r.read(); assert r.status==200,b
for _ in range(300): tok=api(); cat(tok)   # warm-up
N=2000
t=time.perf_counter()
for _ in range(N): api()
a=time.perf_counter()-t
t=time.perf_counter()
for _ in range(N): cat(tok)
b=time.perf_counter()-t
print(f"POST /v1/auth/token: {N} sequential requests on one connection, {a/N*1000:.2f} ms each, {N/a:.0f}/s")
print(f"POST /v2/client-access-token: {N} sequential requests on one connection, {b/N*1000:.2f} ms each, {N/b:.0f}/s")
