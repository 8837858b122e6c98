// The test programs' precompiled header: the library one plus GoogleTest (cmake/pch.cmake).
#pragma once

#include "finguard_pch.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
