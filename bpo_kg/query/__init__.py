"""Stage 4, query: the named SPARQL questions (``queries/*.rq``), their parameters bound as RDF terms,
and their results; any engine of :mod:`bpo_kg.engines` answers them."""

from bpo_kg.errors import ParameterError, QueryFileError
from bpo_kg.query.named import Answers, bind_parameters, get_query, named_queries, run_named, with_values
from bpo_kg.query.queryfile import Parameter, QueryFile, read_query_file, read_query_folder
from bpo_kg.query.result import QueryResult, Row

__all__ = [
    "Answers",
    "Parameter",
    "ParameterError",
    "QueryFile",
    "QueryFileError",
    "QueryResult",
    "Row",
    "bind_parameters",
    "get_query",
    "named_queries",
    "read_query_file",
    "read_query_folder",
    "run_named",
    "with_values",
]
