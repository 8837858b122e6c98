// The precompiled header of every library and program (FG_PCH, cmake/pch.cmake): the standard and
// third-party headers most translation units parse. Only what changes rarely belongs here; a project
// header would rebuild the world on each edit. Sources still include what they use (the fuzz preset
// builds without it, and tests/headers compiles each public header alone).
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
