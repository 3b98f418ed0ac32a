{{/* The release's full name: the prefix of every object the chart creates. */}}
{{- define "stowage.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "stowage.operatorName" -}}
{{- printf "%s-operator" (include "stowage.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "stowage.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "stowage.operatorName" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "stowage.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "stowage.selectorLabels" -}}
app.kubernetes.io/name: stowage-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "stowage.labels" -}}
{{ include "stowage.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: stowage
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/*
What the operator does in each watched namespace, and nothing more (see the reconciler's client calls):
it reads ObjectStores through informers and patches their status; it creates and updates the objects an
ObjectStore owns and watches them, but never deletes them (owner references do); it deletes only the
cert-manager Certificate and ServiceMonitor it made when the spec stops asking for them.
*/}}
{{- define "stowage.watchRules" -}}
- apiGroups: ["stowage.io"]
  resources: ["objectstores"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["stowage.io"]
  resources: ["objectstores/status"]
  verbs: ["patch"]
# Owner references with blockOwnerDeletion need this where OwnerReferencesPermissionEnforcement is on.
- apiGroups: ["stowage.io"]
  resources: ["objectstores/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["get", "list", "watch", "create", "update"]
# A cluster's new pods join its Raft group once they are ready.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- if or .Values.provisioning.obc.enabled .Values.provisioning.secret.enabled .Values.provisioning.cosi.enabled .Values.provisioning.gitops.enabled }}
# The provisioners also annotate claim Secrets and delete COSI credentials Secrets with their access; GitOps takes its
# owner reference off an S3User's generated Secret (deletionPolicy Retain) or deletes it (Delete).
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
{{- else }}
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create", "update"]
{{- end }}
{{- /* The provisioners' verbs are those their client calls send (their ITs hold every request against these
rules): finalizers and annotations are JSON patches, COSI statuses too; ObjectBucketClaim statuses are updates. */}}
{{- if .Values.provisioning.obc.enabled }}
- apiGroups: ["objectbucket.io"]
  resources: ["objectbucketclaims"]
  verbs: ["get", "list", "watch", "update", "patch"]
- apiGroups: ["objectbucket.io"]
  resources: ["objectbucketclaims/status"]
  verbs: ["update"]
- apiGroups: ["objectbucket.io"]
  resources: ["objectbucketclaims/finalizers"]
  verbs: ["update"]
{{- end }}
{{- if or .Values.provisioning.obc.enabled .Values.provisioning.secret.enabled }}
# The connection data ConfigMaps of ObjectBucketClaims and annotated Secrets (finalizers are JSON patches).
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "create", "update", "patch"]
{{- end }}
{{- if .Values.provisioning.cosi.enabled }}
- apiGroups: ["objectstorage.k8s.io"]
  resources: ["bucketclaims"]
  verbs: ["get", "list", "watch", "patch"]
# A deleted Bucket takes the BucketAccesses to its claim with it, as the upstream sidecar does.
- apiGroups: ["objectstorage.k8s.io"]
  resources: ["bucketaccesses"]
  verbs: ["get", "list", "watch", "patch", "delete"]
- apiGroups: ["objectstorage.k8s.io"]
  resources: ["bucketclaims/status", "bucketaccesses/status"]
  verbs: ["patch"]
{{- end }}
{{- if .Values.provisioning.gitops.enabled }}
# S3Buckets and S3Users (docs/gitops.md): read through informers, finalizers added and removed (JSON patch), status
# patched; S3Users write their keys' Secrets (granted above).
- apiGroups: ["stowage.io"]
  resources: ["s3buckets", "s3users"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["stowage.io"]
  resources: ["s3buckets/status", "s3users/status"]
  verbs: ["patch"]
# An S3Bucket's policyRef: its ConfigMap is read at every reconcile, not watched.
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get"]
{{- end }}
{{- if .Values.provisioning.populator.enabled }}
# The volume populator watches claims, annotates them (JSON patch), and reads their BucketSources.
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["stowage.io"]
  resources: ["bucketsources"]
  verbs: ["get"]
# A claim whose dataSourceRef names a BucketSource in another namespace needs a ReferenceGrant there (Gateway API).
- apiGroups: ["gateway.networking.k8s.io"]
  resources: ["referencegrants"]
  verbs: ["list"]
{{- if .Values.provisioning.populator.pvciApi.enabled }}
# The PVCi-compatible API: /create makes a claim and its BucketSource (and the credentials Secret, granted above);
# /status reads the populator's events on the claim.
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["create"]
- apiGroups: ["stowage.io"]
  resources: ["bucketsources"]
  verbs: ["create", "update"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["list"]
{{- end }}
{{- end }}
- apiGroups: ["apps"]
  resources: ["statefulsets"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: ["cert-manager.io"]
  resources: ["certificates"]
  verbs: ["get", "create", "update", "delete"]
- apiGroups: ["monitoring.coreos.com"]
  resources: ["servicemonitors"]
  verbs: ["get", "create", "update", "delete"]
{{- end -}}


{{- /* Cluster-scoped kinds the provisioners read or write, whatever namespaces are watched. Events about
cluster-scoped objects (Buckets, ObjectBuckets) are recorded in the namespace "default". */}}
{{- define "stowage.provisioningClusterRules" -}}
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- if or .Values.provisioning.obc.enabled .Values.provisioning.populator.enabled }}
- apiGroups: ["storage.k8s.io"]
  resources: ["storageclasses"]
  verbs: ["get"]
{{- end }}
{{- if .Values.provisioning.populator.enabled }}
# The populator hands the prime claim's volume to the user's claim (claimRef, JSON patch).
- apiGroups: [""]
  resources: ["persistentvolumes"]
  verbs: ["get", "patch"]
{{- end }}
{{- if .Values.provisioning.obc.enabled }}
- apiGroups: ["objectbucket.io"]
  resources: ["objectbuckets"]
  verbs: ["get", "create", "update", "patch", "delete"]
- apiGroups: ["objectbucket.io"]
  resources: ["objectbuckets/status"]
  verbs: ["update"]
{{- end }}
{{- if .Values.provisioning.cosi.enabled }}
- apiGroups: ["objectstorage.k8s.io"]
  resources: ["buckets"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: ["objectstorage.k8s.io"]
  resources: ["buckets/status"]
  verbs: ["patch"]
- apiGroups: ["objectstorage.k8s.io"]
  resources: ["bucketclasses", "bucketaccessclasses"]
  verbs: ["get"]
{{- end }}
{{- end -}}

{{- /* Labels of the CSI driver's objects; "component" is csi-controller, csi-node or csi. */}}
{{- define "stowage.csiSelectorLabels" -}}
app.kubernetes.io/name: stowage-{{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "stowage.csiLabels" -}}
{{ include "stowage.csiSelectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: stowage
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "stowage.csiControllerName" -}}
{{- printf "%s-csi-controller" (include "stowage.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "stowage.csiNodeName" -}}
{{- printf "%s-csi-node" (include "stowage.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "stowage.csiMounterName" -}}
{{- printf "%s-csi-mounter" (include "stowage.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
