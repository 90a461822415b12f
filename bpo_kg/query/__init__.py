"""Stage 4, query: the named SPARQL questions (``queries/*.rq``), their parameters bound as RDF terms,
and their results; any engine of :mod:`bpo_kg.engines` answers them."""

from bpo_kg.errors import ParameterError, QueryFileError
from bpo_kg.query.named import Answers, get_query, named_queries, run_named, with_values
from bpo_kg.query.parameters import TermLookup, bind_parameters, check_parameters, local_name, parameter_pairs
from bpo_kg.query.queryfile import Parameter, QueryFile, adhoc_query, read_query_file, read_query_folder
from bpo_kg.query.result import QueryResult, Row

__all__ = [
    "Answers",
    "Parameter",
    "ParameterError",
    "QueryFile",
    "QueryFileError",
    "QueryResult",
    "Row",
    "TermLookup",
    "adhoc_query",
    "bind_parameters",
    "check_parameters",
    "get_query",
    "local_name",
    "named_queries",
    "parameter_pairs",
    "read_query_file",
    "read_query_folder",
    "run_named",
    "with_values",
]
