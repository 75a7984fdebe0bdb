"""Type stubs of the native module ``docgrid._docgrid`` (python/src/lib.rs)."""

from os import PathLike
from typing import Dict, List, Optional, Tuple, Union

class NativeDocument:
    """A converted document, held in Rust so the writers can run on it."""

    def to_json(self, pretty: bool = False) -> str: ...
    def table_csv(
        self, label: str, *, fill_merged: bool = False, header_paths: bool = False, tab_separated: bool = False
    ) -> str: ...
    def xlsx_bytes(self, label: Optional[str] = None) -> Tuple[bytes, List[Tuple[str, str]]]: ...
    def to_markdown(self) -> str: ...
    def cells(self) -> List[Tuple[str, int, int, int, int, str]]: ...
    def report(self, templates: Optional[str] = None) -> str: ...

def convert(
    input: Union[str, PathLike[str], bytes, bytearray],
    *,
    source: Optional[str] = None,
    pages: Optional[str] = None,
    password: Optional[str] = None,
    headers_footers: bool = False,
    html_all: bool = False,
    limits: Optional[Dict[str, int]] = None,
    detector: Optional[str] = None,
    area: Optional[Tuple[float, float, float, float]] = None,
) -> NativeDocument: ...
def contract_version() -> str: ...
def default_limits() -> List[Tuple[str, int]]: ...
