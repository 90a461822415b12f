"""The bpo-kg spreadsheet functions as morph-kgc user-defined functions.

morph-kgc executes this file itself (its ``udfs`` option), with its ``udf`` decorator defined; each
function reads a cell through :mod:`bpo_kg.sheets.values` in the context the importer set. Cells
reach these functions only after :mod:`bpo_kg.sheets.check` accepted every one of them.
"""

from bpo_kg.sheets.rml_engine import answer

FN = "https://w3id.org/bpo-kg/functions#"
udf = globals().get("udf") or (lambda **_: lambda function: function)


@udf(fun_id=FN + "key", value=FN + "value")
def key(value):
    return answer("key", value)


@udf(fun_id=FN + "rows", value=FN + "value", sheet=FN + "sheet")
def rows(value, sheet):
    return answer("rows", value, sheet=sheet)


@udf(fun_id=FN + "instance", value=FN + "value", cls=FN + "class")
def instance(value, cls):
    return answer("instance", value, **{"class": cls})


@udf(fun_id=FN + "subclass", value=FN + "value", cls=FN + "class")
def subclass(value, cls):
    return answer("subclass", value, **{"class": cls})


@udf(fun_id=FN + "classIfYes", value=FN + "value", cls=FN + "class")
def class_if_yes(value, cls):
    return answer("classIfYes", value, **{"class": cls})


@udf(fun_id=FN + "country", value=FN + "value", sheet=FN + "sheet")
def country(value, sheet="places"):
    return answer("country", value, sheet=sheet)


@udf(fun_id=FN + "place", value=FN + "value", sheet=FN + "sheet")
def place(value, sheet="places"):
    return answer("place", value, sheet=sheet)


@udf(fun_id=FN + "language", value=FN + "value")
def language(value):
    return answer("language", value)


@udf(fun_id=FN + "industryCode", value=FN + "value")
def industry_code(value):
    return answer("industryCode", value)
