#!/usr/bin/env bash
# The quality harness of the recommendation service: see bench/recommendation.sh quality.
exec "$(dirname "$0")/recommendation.sh" quality
