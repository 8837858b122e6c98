# Precompiled headers (issue 21 §5: they cut the cold build; figures in CONTRIBUTING.md). Two shared
# headers, each compiled once by an owner target and reused by every other: finguard_pch.hpp for the
# libraries and programs, finguard_test_pch.hpp (with GoogleTest) for the test programs. The owners link
# what their users link, so the macros they see (FMT_SHARED, GTEST_HAS_PTHREAD, ...) are the same; GCC
# would silently parse the headers again for a target whose macros differed (-Winvalid-pch says so).
option(FG_PCH "Precompile the common standard and third-party headers" ON)

if(FG_PCH)
  add_library(fg_pch_owner OBJECT ${CMAKE_CURRENT_LIST_DIR}/pch/pch_owner.cpp)
  # What fg_core links (its users inherit these macros); not fg_core itself, which reuses this PCH.
  target_link_libraries(fg_pch_owner PRIVATE fmt::fmt spdlog::spdlog nlohmann_json::nlohmann_json yaml-cpp date::date
                                             date::date-tz Threads::Threads)
  target_precompile_headers(fg_pch_owner PRIVATE
                            $<$<COMPILE_LANGUAGE:CXX>:${CMAKE_CURRENT_LIST_DIR}/pch/finguard_pch.hpp>)
endif()

# fg_use_pch(TARGET lib|test): TARGET reuses the shared precompiled header of its kind.
function(fg_use_pch target kind)
  if(NOT FG_PCH)
    return()
  endif()
  if(kind STREQUAL "test")
    if(NOT TARGET fg_test_pch_owner)
      add_library(fg_test_pch_owner OBJECT ${PROJECT_SOURCE_DIR}/cmake/pch/pch_owner.cpp)
      target_link_libraries(fg_test_pch_owner PRIVATE fg_test_support GTest::gtest GTest::gmock)
      target_precompile_headers(fg_test_pch_owner PRIVATE
                                $<$<COMPILE_LANGUAGE:CXX>:${PROJECT_SOURCE_DIR}/cmake/pch/finguard_test_pch.hpp>)
    endif()
    target_precompile_headers(${target} REUSE_FROM fg_test_pch_owner)
    # Under a PCH, GCC 12 no longer treats std::string's inlined copies in test bodies as system code and
    # reports its false -Warray-bounds / -Wstringop-overflow on them (GCC bug 105651).
    target_compile_options(${target} PRIVATE -Wno-array-bounds -Wno-stringop-overflow)
  else()
    target_precompile_headers(${target} REUSE_FROM fg_pch_owner)
  endif()
endfunction()
