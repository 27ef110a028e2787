#!/usr/bin/env bash
# Sets up, builds and runs the default training job (Fashion-MNIST MLP). Extra arguments go to `train`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dotnet build src/Host -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet src/Host/bin/Release/net10.0/shampoo-actors.dll train --config hocon/fmnist-mlp.conf "$@"
