# fg_module(NAME DEPS dep...): the static library fg_NAME from every .cpp under src/NAME
# (internal/ included). Headers are included as "NAME/file.hpp" from src/.
function(fg_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(fg_${name} STATIC ${srcs})
  target_include_directories(fg_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(fg_${name} PUBLIC ${ARG_DEPS})
  fg_use_pch(fg_${name} lib)
endfunction()

# fg_unit_test(MODULE DEPS dep...): one test program per module, from tests/unit/MODULE/*_test.cpp.
# Test cases are discovered when ctest runs (PRE_TEST), so building needs no test run.
function(fg_unit_test name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  if(NOT srcs)
    return()
  endif()
  add_executable(unit_${name} ${srcs})
  target_link_libraries(unit_${name} PRIVATE ${ARG_DEPS} fg_test_support GTest::gtest GTest::gmock GTest::gtest_main)
  fg_use_pch(unit_${name} test)
  set_property(GLOBAL APPEND PROPERTY FG_UNIT_TEST_TARGETS unit_${name})
  gtest_discover_tests(unit_${name} DISCOVERY_MODE PRE_TEST TEST_PREFIX "${name}." PROPERTIES LABELS unit)
endfunction()
