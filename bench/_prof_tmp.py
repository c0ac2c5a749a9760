import os, time, cProfile, pstats, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gobroad_site.settings.local")
import django; django.setup()
from django.test import Client
c = Client(HTTP_ACCEPT_ENCODING="gzip")
c.cookies["sessionid"] = "bench"
pages = ["/en/", "/en/conditions/multiple-myeloma/", "/en/stories/", "/en/stories/yuri-dual-target-car-t-multiple-myeloma/", "/ru/conditions/multiple-myeloma/", "/zh-hans/stories/yuri-dual-target-car-t-multiple-myeloma/", "/en/consult/", "/en/treatments/", "/en/search/?q=myeloma", "/en/search/?q=myelma", "/en/doctors/", "/en/glossary/"]
for p in pages:
    for _ in range(5): r = c.get(p, HTTP_HOST="127.0.0.1")
    n=50; t=time.perf_counter()
    for _ in range(n): c.get(p, HTTP_HOST="127.0.0.1")
    print(f"{p:60} {r.status_code} {(time.perf_counter()-t)/n*1000:6.2f} ms")
if len(sys.argv) > 1:
    p = sys.argv[1]
    pr = cProfile.Profile(); pr.enable()
    for _ in range(50): c.get(p, HTTP_HOST="127.0.0.1")
    pr.disable()
    pstats.Stats(pr).sort_stats("cumulative").print_stats(60)
