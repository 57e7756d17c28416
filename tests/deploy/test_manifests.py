"""The Kubernetes manifests of the hosted demo (deploy/kubernetes/), with no cluster at hand.

Three kinds of check: kubernetes-validate holds every manifest against the Kubernetes API's
schemas (strict: an unknown field fails too); checkov scans the manifests and the Dockerfile
for insecure settings, and every finding it reports is either fixed or skipped in the file with
a reason; and the properties the demo relies on (sticky sessions, websocket timeouts, probes,
a read-only root filesystem, names that refer to each other) are read from the YAML itself.
Each tool is also shown a broken copy, to prove that it can fail.

checkov runs from .venv-tools (scripts/setup-tools.sh; its pins conflict with .venv's), once per
framework: it takes a few seconds to start.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "kubernetes"
DOCKERFILE = ROOT / "Dockerfile"
MANIFESTS = sorted(p for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")
KUBERNETES_VALIDATE = Path(sys.executable).parent / "kubernetes-validate"
TOOLS = ROOT / ".venv-tools"
CHECKOV = TOOLS / "bin" / "checkov"
# The oldest and the newest Kubernetes whose schemas the manifests must satisfy.
KUBE_VERSIONS = ("1.33.0", "1.37.0")
HEALTH = "/_stcore/health"
LESSON_SECONDS = 90 * 60
MIB = 1024 * 1024


# --- reading the manifests -------------------------------------------------------------------

def load_all() -> list[dict]:
    docs = []
    for path in MANIFESTS:
        docs += [d for d in yaml.safe_load_all(path.read_text()) if d]
    return docs


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return load_all()


def only(docs: list[dict], kind: str) -> dict:
    found = [d for d in docs if d["kind"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


@pytest.fixture(scope="module")
def deployment(docs) -> dict:
    return only(docs, "Deployment")


@pytest.fixture(scope="module")
def pod(deployment) -> dict:
    return deployment["spec"]["template"]


@pytest.fixture(scope="module")
def container(pod) -> dict:
    containers = pod["spec"]["containers"]
    assert len(containers) == 1
    return containers[0]


def container_port(container: dict, port: int | str) -> int:
    """A port as a number: a name is looked up among the container's ports."""
    if isinstance(port, int):
        return port
    named = {p["name"]: p["containerPort"] for p in container.get("ports", []) if "name" in p}
    assert port in named, f"no container port named {port!r}"
    return named[port]


def selects(selector: dict, labels: dict) -> bool:
    """Whether a label selector (matchLabels, or a Service's plain map) picks these labels."""
    assert not selector.get("matchExpressions"), "use matchLabels only"
    match = selector.get("matchLabels", selector)
    assert match
    return all(labels.get(k) == v for k, v in match.items())


def dockerfile_words(word: str) -> list[str]:
    return re.findall(rf"^{word}\s+(.+)$", DOCKERFILE.read_text(), flags=re.M)


def seconds(value: str) -> int:
    match = re.fullmatch(r"(\d+)(s|m|h)?", str(value))
    assert match, value
    return int(match[1]) * {None: 1, "s": 1, "m": 60, "h": 3600}[match[2]]


def size_bytes(value: str) -> int:
    """nginx's size syntax: 512, 64k, 6m, 1g (powers of 1024)."""
    match = re.fullmatch(r"(\d+)([kKmMgG])?", str(value))
    assert match, value
    return int(match[1]) * {"": 1, "k": 1024, "m": MIB, "g": 1024 * MIB}[(match[2] or "").lower()]


def cpu_millis(value: str | int) -> float:
    value = str(value)
    return float(value[:-1]) if value.endswith("m") else float(value) * 1000


def memory_bytes(value: str) -> float:
    units = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "K": 1e3, "M": 1e6, "G": 1e9}
    for suffix, factor in units.items():
        if str(value).endswith(suffix):
            return float(str(value)[: -len(suffix)]) * factor
    return float(value)


# --- kubernetes-validate ---------------------------------------------------------------------

def kubernetes_validate(*files: Path) -> subprocess.CompletedProcess:
    assert KUBERNETES_VALIDATE.exists(), "kubernetes-validate is not installed (requirements-dev.txt)"
    versions = [a for v in KUBE_VERSIONS for a in ("-k", v)]
    return subprocess.run([str(KUBERNETES_VALIDATE), "--strict", *versions, *map(str, files)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_kustomization_applies_every_manifest():
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert kustomization["kind"] == "Kustomization"
    assert sorted(kustomization["resources"]) == sorted(p.name for p in MANIFESTS)


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_manifest_matches_the_kubernetes_schemas(path):
    done = kubernetes_validate(path)
    assert done.returncode == 0, done.stdout + done.stderr
    # A kind or apiVersion without a schema is only a WARN (exit 0): demand that every resource
    # was actually validated, against every version.
    lines = done.stdout.splitlines()
    resources = [d for d in yaml.safe_load_all(path.read_text()) if d]
    passed = [line for line in lines if line.startswith("INFO ") and " passed " in line]
    assert len(passed) == len(resources) * len(KUBE_VERSIONS) and len(passed) == len(lines), done.stdout


@pytest.mark.parametrize(("breakage", "old", "new"), [
    ("a number as a string", "  revisionHistoryLimit: 5\n",
     "  replicas: \"two\"\n  revisionHistoryLimit: 5\n"),
    ("an unknown field (strict)", "          livenessProbe:\n", "          livenesProbe:\n"),
])
def test_kubernetes_validate_rejects_a_broken_manifest(tmp_path, breakage, old, new):
    text = (K8S / "deployment.yaml").read_text()
    assert old in text
    broken = tmp_path / "deployment.yaml"
    broken.write_text(text.replace(old, new, 1))
    done = kubernetes_validate(broken)
    assert done.returncode != 0, (breakage, done.stdout)
    errors = [line for line in done.stdout.splitlines() if line.startswith("ERROR")]
    field = new.split(":")[0].strip()  # the error names the field that was broken
    assert errors and all(field in line for line in errors), (breakage, done.stdout)


# --- checkov -----------------------------------------------------------------------------------

def checkov(framework: str, *target: str, cwd: Path = ROOT) -> tuple[int, list[dict]]:
    """Run checkov (JSON output, nothing downloaded); return its exit code and its reports."""
    assert CHECKOV.exists(), f"{CHECKOV} is missing: run bash scripts/setup-tools.sh"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    done = subprocess.run([str(CHECKOV), *target, "--framework", framework, "--output", "json",
                           "--skip-download"],  # (--quiet would drop the skipped checks)
                          capture_output=True, text=True, timeout=300, cwd=cwd, env=env)
    assert done.stdout.strip().startswith(("{", "[")), done.stdout + done.stderr
    reports = json.loads(done.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    return done.returncode, reports


def failed(reports: list[dict]) -> list[str]:
    return [f"{c['check_id']} {c['check_name']} ({c['file_path']}: {c['resource']})"
            for r in reports for c in r.get("results", {}).get("failed_checks", [])]


@pytest.fixture(scope="module")
def checkov_kubernetes():
    return checkov("kubernetes", "--directory", str(K8S.relative_to(ROOT)))


@pytest.fixture(scope="module")
def checkov_dockerfile():
    return checkov("dockerfile", "--file", DOCKERFILE.name)


@pytest.mark.parametrize("scan", ["checkov_kubernetes", "checkov_dockerfile"])
def test_checkov_finds_nothing(request, scan):
    code, reports = request.getfixturevalue(scan)
    assert failed(reports) == [] and code == 0
    for report in reports:
        summary = report["summary"]
        # it did scan something: a wrong path or framework gives an empty, passing report
        assert summary["parsing_errors"] == 0 and summary["resource_count"] > 0
        assert summary["passed"] > 20, summary


def declared_skips() -> dict[str, str]:
    """Every checkov skip written in the files, with its reason: a ``checkov.io/skipN:
    CHECK=reason`` annotation in a manifest, a ``# checkov:skip=CHECK: reason`` comment in the
    Dockerfile."""
    skips = {}
    for doc in load_all():
        for key, value in (doc["metadata"].get("annotations") or {}).items():
            if key.startswith("checkov.io/skip"):
                check, _, reason = value.partition("=")
                skips[check.strip()] = reason.strip()
    for check, reason in re.findall(r"#\s*checkov:skip=([A-Z0-9_]+):?(.*)$", DOCKERFILE.read_text(),
                                    flags=re.M):
        skips[check] = reason.strip()
    return skips


def test_every_skipped_check_is_declared_in_the_files_with_a_reason(checkov_kubernetes,
                                                                   checkov_dockerfile):
    reports = checkov_kubernetes[1] + checkov_dockerfile[1]
    skipped = {c["check_id"] for r in reports for c in r.get("results", {}).get("skipped_checks", [])}
    declared = declared_skips()
    assert skipped == set(declared), (skipped, declared)  # no skip is given on the command line
    for check, reason in declared.items():
        assert len(reason.split()) >= 5, f"{check}: say why it is skipped ({reason!r})"


def test_checkov_fails_a_dockerfile_that_runs_as_root(tmp_path):
    text = DOCKERFILE.read_text()
    assert re.search(r"^USER ", text, flags=re.M)
    (tmp_path / "Dockerfile").write_text(re.sub(r"^USER .*\n", "", text, flags=re.M))
    code, reports = checkov("dockerfile", "--file", "Dockerfile", cwd=tmp_path)
    assert code != 0 and any(f.startswith("CKV_DOCKER_3 ") for f in failed(reports)), failed(reports)


def test_checkov_fails_a_writable_privileged_pod(tmp_path):
    copy = tmp_path / "kubernetes"
    shutil.copytree(K8S, copy)
    path = copy / "deployment.yaml"
    text = path.read_text()
    for old, new in [("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false"),
                     ("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true")]:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text)
    code, reports = checkov("kubernetes", "--directory", str(copy))
    ids = {f.split()[0] for f in failed(reports)}
    assert code != 0 and {"CKV_K8S_20", "CKV_K8S_22"} <= ids, ids


# --- what the demo relies on ---------------------------------------------------------------------

def test_everything_lives_in_the_namespace_the_manifests_create(docs):
    namespace = only(docs, "Namespace")["metadata"]["name"]
    assert namespace != "default"
    assert all(d["metadata"].get("namespace") == namespace for d in docs if d["kind"] != "Namespace")


def test_deployment_selects_its_own_pods_and_leaves_replicas_to_the_autoscaler(deployment, pod):
    assert selects(deployment["spec"]["selector"], pod["metadata"]["labels"])
    # a fixed count would be reset by every `kubectl apply`, fighting the HPA
    assert "replicas" not in deployment["spec"]


def test_container_port_is_the_one_the_image_exposes(container):
    exposed = {int(p.split("/")[0]) for rest in dockerfile_words("EXPOSE") for p in rest.split()}
    assert container_port(container, "http") == 8501 and 8501 in exposed


@pytest.mark.parametrize("probe", ["startupProbe", "readinessProbe", "livenessProbe"])
def test_probes_ask_streamlit_health_on_the_container_port(container, probe):
    get = container[probe]["httpGet"]
    assert get["path"] == HEALTH
    assert container_port(container, get["port"]) == 8501
    assert get.get("scheme", "HTTP") == "HTTP"


def test_liveness_is_slower_to_give_up_than_readiness(container):
    """A restart ends every session of the pod; a busy pod should first stop getting visitors."""
    def patience(probe):
        return probe.get("periodSeconds", 10) * probe.get("failureThreshold", 3)
    assert patience(container["livenessProbe"]) > patience(container["readinessProbe"])


def test_root_filesystem_is_read_only_with_a_writable_tmp(pod, container):
    context = container["securityContext"]
    assert context["readOnlyRootFilesystem"] is True
    assert context["allowPrivilegeEscalation"] is False
    assert context["capabilities"]["drop"] == ["ALL"] and not context["capabilities"].get("add")
    seccomp = context.get("seccompProfile") or pod["spec"]["securityContext"]["seccompProfile"]
    assert seccomp["type"] == "RuntimeDefault"
    volumes = {v["name"]: v for v in pod["spec"]["volumes"]}
    mounts = {m["mountPath"]: m for m in container["volumeMounts"]}
    assert "/tmp" in mounts and not mounts["/tmp"].get("readOnly", False)
    assert "emptyDir" in volumes[mounts["/tmp"]["name"]]
    # whatever HOME is, it is writable: under a writable mount
    env = {e["name"]: e.get("value") for e in container.get("env", [])}
    assert any(env.get("HOME", "").startswith(path) for path in mounts), env


def test_runs_as_the_images_non_root_user_without_an_api_token(pod, container):
    user = dockerfile_words("USER")[-1].split(":")[0].strip()
    assert user.isdigit() and int(user) >= 10000
    for context in (pod["spec"]["securityContext"], container["securityContext"]):
        assert context["runAsNonRoot"] is True and context.get("runAsUser", int(user)) == int(user)
    assert pod["spec"]["automountServiceAccountToken"] is False


def test_resources_are_requested_and_limited(container):
    resources = container["resources"]
    for kind in ("cpu", "memory"):
        assert kind in resources["requests"] and kind in resources["limits"], kind
    assert 0 < cpu_millis(resources["requests"]["cpu"]) <= cpu_millis(resources["limits"]["cpu"])
    assert 0 < memory_bytes(resources["requests"]["memory"]) <= memory_bytes(resources["limits"]["memory"])
    # the comment says where the figures come from
    assert "benchmark" in (K8S / "deployment.yaml").read_text()


def test_training_workers_fit_the_pods_cpu_limit(container):
    # os.cpu_count() in a pod sees the node's cores: the worker pool is sized explicitly.
    env = {e["name"]: e.get("value") for e in container.get("env", [])}
    workers = int(env["BNVIZ_WORKERS"])
    assert 1 <= workers <= max(1, cpu_millis(container["resources"]["limits"]["cpu"]) // 1000)


def test_service_selects_the_pods_and_targets_the_container_port(docs, pod, container):
    service = only(docs, "Service")
    assert service["spec"].get("type", "ClusterIP") == "ClusterIP"
    assert selects(service["spec"]["selector"], pod["metadata"]["labels"])
    (port,) = service["spec"]["ports"]
    assert port["port"] == 80 and container_port(container, port["targetPort"]) == 8501


def test_ingress_routes_to_the_service(docs):
    ingress, service = only(docs, "Ingress"), only(docs, "Service")
    assert ingress["spec"]["ingressClassName"] == "nginx"
    ports = {p["name"]: p["port"] for p in service["spec"]["ports"]} | {
        p["port"]: p["port"] for p in service["spec"]["ports"]}
    for rule in ingress["spec"]["rules"]:
        for path in rule["http"]["paths"]:
            backend = path["backend"]["service"]
            assert backend["name"] == service["metadata"]["name"]
            assert (backend["port"].get("name") or backend["port"].get("number")) in ports


def test_ingress_keeps_a_visitor_on_one_pod(docs):
    """Streamlit's session lives in one process; its uploads must reach that process too."""
    notes = only(docs, "Ingress")["metadata"]["annotations"]
    prefix = "nginx.ingress.kubernetes.io/"
    assert notes[prefix + "affinity"] == "cookie"
    # "balanced" would move visitors to new pods when the HPA scales up
    assert notes[prefix + "affinity-mode"] == "persistent"
    assert re.fullmatch(r"[A-Za-z0-9_-]+", notes[prefix + "session-cookie-name"])
    assert seconds(notes[prefix + "session-cookie-max-age"]) >= LESSON_SECONDS


def test_ingress_keeps_an_idle_websocket_open_for_a_whole_lesson(docs):
    notes = only(docs, "Ingress")["metadata"]["annotations"]
    for timeout in ("proxy-read-timeout", "proxy-send-timeout"):
        value = seconds(notes["nginx.ingress.kubernetes.io/" + timeout])
        assert value >= 3600 and value >= LESSON_SECONDS, timeout


def test_ingress_lets_through_exactly_the_uploads_streamlit_accepts(docs):
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    max_upload = config["server"]["maxUploadSize"] * MIB
    body = size_bytes(only(docs, "Ingress")["metadata"]["annotations"][
        "nginx.ingress.kubernetes.io/proxy-body-size"])
    # Streamlit takes maxUploadSize MiB of file plus 1 MiB of multipart envelope
    assert max_upload < body <= max_upload + MIB


def test_autoscaler_scales_the_deployment_on_cpu(docs, deployment):
    hpa = only(docs, "HorizontalPodAutoscaler")
    assert hpa["apiVersion"] == "autoscaling/v2"
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["apiVersion"], target["kind"], target["name"]) == (
        deployment["apiVersion"], "Deployment", deployment["metadata"]["name"])
    assert hpa["spec"]["minReplicas"] >= 2 and hpa["spec"]["maxReplicas"] > hpa["spec"]["minReplicas"]
    (metric,) = hpa["spec"]["metrics"]
    assert metric["type"] == "Resource" and metric["resource"]["name"] == "cpu"
    assert metric["resource"]["target"]["type"] == "Utilization"
    # scaling down ends sessions: not before a long quiet spell
    assert hpa["spec"]["behavior"]["scaleDown"]["stabilizationWindowSeconds"] >= 600


def test_disruption_budget_covers_the_pods(docs, pod):
    pdb = only(docs, "PodDisruptionBudget")
    assert pdb["spec"]["minAvailable"] == 1
    assert selects(pdb["spec"]["selector"], pod["metadata"]["labels"])
    # with fewer pods than that, no node could ever be drained
    assert pdb["spec"]["minAvailable"] < only(docs, "HorizontalPodAutoscaler")["spec"]["minReplicas"]


def test_network_policy_admits_the_container_port_only(docs, pod, container):
    policy = only(docs, "NetworkPolicy")
    assert selects(policy["spec"]["podSelector"], pod["metadata"]["labels"])
    assert set(policy["spec"]["policyTypes"]) == {"Ingress", "Egress"}
    ports = {container_port(container, p["port"]) for rule in policy["spec"]["ingress"]
             for p in rule["ports"]}
    assert ports == {8501}
    assert policy["spec"].get("egress", []) == []


def test_tools_venv_holds_exactly_the_pinned_versions():
    lines = (ROOT / "requirements-tools.txt").read_text().splitlines()
    pins = [s.split("#")[0].strip() for s in lines if s.split("#")[0].strip()]
    assert pins and all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[A-Za-z0-9_.+\-]+", p) for p in pins), pins
    done = subprocess.run([str(TOOLS / "bin" / "python"), "-m", "pip", "freeze", "--all"],
                          capture_output=True, text=True, timeout=120)
    installed = {line.lower().replace("_", "-") for line in done.stdout.splitlines()}
    missing = [p for p in pins if p.lower().replace("_", "-") not in installed]
    assert not missing, f"run bash scripts/setup-tools.sh: {missing}"
