"""Fictional players of fourteen delegations, with names in their own scripts."""

from __future__ import annotations

# (organisation, ISO country, language codes, men, women); each name: (native, latin).
DELEGATIONS: list[tuple[str, str, list[str], list[tuple[str, str]], list[tuple[str, str]]]] = [
    (
        "Chinese Table Tennis Association",
        "CHN",
        ["zh", "en"],
        [("王浩然", "WANG Haoran"), ("李子轩", "LI Zixuan")],
        [("陈雨桐", "CHEN Yutong"), ("张欣怡", "ZHANG Xinyi")],
    ),
    (
        "USA Table Tennis",
        "USA",
        ["en"],
        [("Ethan Brooks", "Ethan BROOKS"), ("Marcus Lee", "Marcus LEE")],
        [("Olivia Chen", "Olivia CHEN"), ("Grace Miller", "Grace MILLER")],
    ),
    (
        "Japan Table Tennis Association",
        "JPN",
        ["ja", "en"],
        [("佐藤 健太", "SATO Kenta"), ("鈴木 大翔", "SUZUKI Hiroto")],
        [("高橋 美咲", "TAKAHASHI Misaki"), ("田中 陽菜", "TANAKA Hina")],
    ),
    (
        "Korea Table Tennis Association",
        "KOR",
        ["ko", "en"],
        [("김민준", "KIM Minjun"), ("이서준", "LEE Seojun")],
        [("박지우", "PARK Jiwoo"), ("최서연", "CHOI Seoyeon")],
    ),
    (
        "German Table Tennis Association",
        "DEU",
        ["de", "en"],
        [("Lukas Becker", "Lukas BECKER"), ("Jonas Wagner", "Jonas WAGNER")],
        [("Lena Fischer", "Lena FISCHER"), ("Mia Schulz", "Mia SCHULZ")],
    ),
    (
        "French Table Tennis Federation",
        "FRA",
        ["fr", "en"],
        [("Hugo Martin", "Hugo MARTIN"), ("Louis Bernard", "Louis BERNARD")],
        [("Chloé Dubois", "Chloé DUBOIS"), ("Inès Moreau", "Inès MOREAU")],
    ),
    (
        "Swedish Table Tennis Association",
        "SWE",
        ["sv", "en"],
        [("Erik Lindqvist", "Erik LINDQVIST"), ("Oscar Nilsson", "Oscar NILSSON")],
        [("Elsa Berg", "Elsa BERG"), ("Maja Holm", "Maja HOLM")],
    ),
    (
        "Brazilian Table Tennis Confederation",
        "BRA",
        ["pt", "en"],
        [("Gabriel Souza", "Gabriel SOUZA"), ("Rafael Lima", "Rafael LIMA")],
        [("Beatriz Costa", "Beatriz COSTA"), ("Larissa Rocha", "Larissa ROCHA")],
    ),
    (
        "Egyptian Table Tennis Federation",
        "EGY",
        ["ar", "en"],
        [("عمر حسن", "Omar HASSAN"), ("يوسف علي", "Youssef ALY")],
        [("مريم سالم", "Mariam SALEM"), ("نور فؤاد", "Nour FOUAD")],
    ),
    (
        "Nigeria Table Tennis Federation",
        "NGA",
        ["en"],
        [("Chinedu Okafor", "Chinedu OKAFOR"), ("Tunde Bello", "Tunde BELLO")],
        [("Amaka Eze", "Amaka EZE"), ("Funke Adeyemi", "Funke ADEYEMI")],
    ),
    (
        "Table Tennis Federation of India",
        "IND",
        ["hi", "en"],
        [("अर्जुन शर्मा", "Arjun SHARMA"), ("रोहन मेहता", "Rohan MEHTA")],
        [("प्रिया नायर", "Priya NAIR"), ("अनन्या राव", "Ananya RAO")],
    ),
    (
        "Table Tennis Australia",
        "AUS",
        ["en"],
        [("Jack Thompson", "Jack THOMPSON"), ("Liam Walsh", "Liam WALSH")],
        [("Chloe Harris", "Chloe HARRIS"), ("Ruby Clarke", "Ruby CLARKE")],
    ),
    (
        "Table Tennis Canada",
        "CAN",
        ["en", "fr"],
        [("Noah Tremblay", "Noah TREMBLAY"), ("Owen Roy", "Owen ROY")],
        [("Emma Gagnon", "Emma GAGNON"), ("Zoé Côté", "Zoé CÔTÉ")],
    ),
    (
        "Mexican Table Tennis Federation",
        "MEX",
        ["es", "en"],
        [("Diego Hernández", "Diego HERNÁNDEZ"), ("Mateo Ramírez", "Mateo RAMÍREZ")],
        [("Valentina Cruz", "Valentina CRUZ"), ("Camila Flores", "Camila FLORES")],
    ),
]
