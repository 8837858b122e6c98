// The translation unit of the two targets that own the shared precompiled headers (cmake/pch.cmake).
