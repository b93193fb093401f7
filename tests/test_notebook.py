"""notebooks/explore.ipynb runs top to bottom on the sample output, and is committed without outputs."""

import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


@pytest.fixture
def kernel_env(monkeypatch: pytest.MonkeyPatch, sample_out: Path) -> None:
    """The venv's own `python3` kernel (before any user-level one), headless plots, the sample output."""
    monkeypatch.setenv("JUPYTER_PATH", str(Path(sys.prefix) / "share" / "jupyter"))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("NEWSFACTS_OUT", str(sample_out))


def test_the_kernel_is_the_venvs_python(kernel_env: None) -> None:
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert Path(spec.resource_dir).is_relative_to(sys.prefix) or spec.argv[0] == sys.executable


def test_the_notebook_runs_on_the_sample_output(kernel_env: None) -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()  # raises CellExecutionError naming the failing cell
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    html = "".join(str(output.get("data", {}).get("text/html", "")) for output in outputs)
    assert 'class="entities"' in html  # the displacy rendering of the highlighted article
    assert not [output for output in outputs if output.output_type == "error"]


def test_the_notebook_is_committed_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(cell.outputs == [] and cell.execution_count is None for cell in code)
