"""The values the workbook generator (benchmarks/workbook_generator.py) draws from: countries, name
parts, service offers by archetype, industry codes, standards."""

PROVIDER_COUNTRIES = ["IN", "IN", "IN", "PH", "PH", "KE", "ZA", "EG", "PL", "MX", "US"]
CLIENT_COUNTRIES = ["US", "US", "US", "CA", "GB", "GB", "DE", "NL", "AU"]
NEAR = {("PL", "DE"), ("PL", "GB"), ("PL", "NL"), ("MX", "US"), ("MX", "CA"), ("EG", "DE")}
LEGAL_SUFFIX = {  # country -> (legal form, language of the legal name if not English)
    "IN": ("Private Limited", None),
    "PH": ("Inc.", None),
    "KE": ("Limited", None),
    "ZA": ("(Pty) Ltd", None),
    "EG": ("S.A.E.", None),
    "PL": ("Sp. z o.o.", "pl"),
    "MX": ("S.A. de C.V.", "es"),
    "US": ("Inc.", None),
    "CA": ("Corporation", None),
    "GB": ("plc", None),
    "DE": ("GmbH", "de"),
    "NL": ("B.V.", "nl"),
    "AU": ("Pty Ltd", None),
}
HINDI_WORDS = {"Lotus": "लोटस", "Deccan": "दक्कन", "Indus": "इंडस", "Ganga": "गंगा", "Himalaya": "हिमालय"}
FIRST_WORDS = [
    "Lotus",
    "Deccan",
    "Indus",
    "Ganga",
    "Himalaya",
    "Bayanihan",
    "Isla",
    "Savanna",
    "Amani",
    "Highveld",
    "Cape",
    "Nile",
    "Alexandria",
    "Vistula",
    "Baltic",
    "Sierra",
    "Pacifico",
    "Great Lakes",
    "Prairie",
    "Harbour",
    "Maple",
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Kestrel",
    "Koala",
    "Edelweiss",
    "Hanse",
    "Tulip",
    "Brightwater",
    "Atlas",
]
PROVIDER_WORDS = ["Connect", "Contact", "Dialogue", "Data Services", "Shared Services", "Teleservices", "Helpdesk"]
CLIENT_WORDS = ["Retail", "Telecom", "Airways", "Health", "Energy", "Insurance", "Motors", "Media", "Bank", "Logistik"]
HINDI_PROVIDER = {"Connect": "कनेक्ट", "Contact": "कॉन्टैक्ट", "Data Services": "डेटा सर्विसेज"}
# archetype -> services (type, channels, call direction), site kind, site channels, site call directions, org kind
ARCHETYPES: dict[str, tuple[list[tuple[str, str, str]], str, str, str, str]] = {
    "inbound": (
        [
            ("customer support call service", "telephone", "inbound"),
            ("product support service", "telephone", "inbound"),
            ("troubleshooting service", "telephone", "inbound"),
            ("order-taking service", "telephone", "inbound"),
        ],
        "call-centre site",
        "telephone",
        "inbound",
        "call-centre operator",
    ),
    "outbound": (
        [("telemarketing service", "telephone", "outbound"), ("telephone survey service", "telephone", "outbound")],
        "call-centre site",
        "telephone",
        "outbound",
        "call-centre operator",
    ),
    "blended": (
        [
            ("customer support call service", "telephone", "inbound"),
            ("customer service", "chat; email", ""),
            ("telemarketing service", "telephone", "outbound"),
        ],
        "contact-centre site",
        "telephone; chat; email",
        "inbound; outbound",
        "BPO provider",
    ),
    "nonvoice": (
        [
            ("finance and accounting service", "email; website", ""),
            ("payroll service", "website", ""),
            ("human resources service", "email; website", ""),
            ("administration service", "website", ""),
            ("IT service", "email; website", ""),
            ("financial service", "website", ""),
        ],
        "delivery centre",
        "",
        "",
        "non-voice BPO provider",
    ),
}
INDUSTRY_CODES = {
    "inbound": "NACE 82.20",
    "outbound": "NACE 82.20",
    "blended": "NACE 82.20; ISIC 8220",
    "nonvoice": "NACE 82.11; NACE 69.20",
}
MOTIVATIONS = ["cost reduction", "productivity gain", "access to expertise"]
STANDARDS = ["ISO/IEC 27001", "ISO 9001", "COPC CX Standard", "PCI DSS", "SOC 2", "ISO 18295-1"]
COMMERCIAL_MODELS = ["FTE-based", "transaction-based", "outcome-based"]
HOURS = ["Mon-Fri 08:00-20:00", "Mon-Sat 07:00-22:00", "Mon-Sun 06:00-24:00"]
